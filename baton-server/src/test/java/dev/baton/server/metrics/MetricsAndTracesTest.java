package dev.baton.server.metrics;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.error.BatonException;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.pipeline.CallMetadata;
import dev.baton.server.ApiErrors;
import dev.baton.server.Authenticator;
import dev.baton.server.BatonServer;
import dev.baton.server.Caller;
import dev.baton.server.Routes;
import dev.baton.server.ServerContext;
import dev.baton.server.ServerModule;
import dev.baton.server.ServerModules;
import dev.baton.server.ServerOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} after real calls through a server, read back with a Prometheus text-format
 * parser; and the span tree of a call and a run made on behalf of HTTP requests.
 */
class MetricsAndTracesTest {

    private static final String KEY = "bk_test_0123456789abcdef0123456789abcdef";
    private static final String PROVIDER_SECRET = "sk-live-NEVER-SHOW-THIS-0123456789";
    private static final String PROMPT = "the secret recipe for purple soup";

    @TempDir
    Path dir;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final HttpClient http = HttpClient.newHttpClient();
    private Baton baton;
    private BatonServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) server.close();
        if (baton != null) baton.close();
        otel.close();
    }

    private void start(String serverConfig) throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve(".baton/ensembles"));
        Files.writeString(work.resolve(".baton/ensembles/pair.yaml"), """
                name: pair
                agents:
                  - {name: first, model_profile: fast}
                  - {name: second, model_profile: fast, depends_on: [first]}
                """);
        Files.writeString(work.resolve(".baton/config.yaml"), """
                providers:
                  canned:
                    kind: scripted
                    api_key: %s
                    options:
                      script:
                        fallback: {text: "a warm answer", usage: {input_tokens: 10, output_tokens: 4}}
                  flaky:
                    kind: scripted
                    options:
                      script:
                        replies:
                          - {error: {code: PROVIDER_ERROR, message: "hiccup"}}
                          - {text: "retried answer"}
                  down:
                    kind: scripted
                    options:
                      script:
                        fallback: {error: {code: MODEL_UNAVAILABLE, message: "down", retriable: false}}
                profiles:
                  fast: {provider: canned, model: m1, prices: {input: 1000, output: 2000}}
                  flaky: {provider: flaky, model: m2}
                  shaky: {provider: down, model: m3, fallback: [fast]}
                retry: {base_delay_ms: 1, max_delay_ms: 2}
                budgets:
                  - {scope: project, period: month, usd: 100}
                %s
                """.formatted(PROVIDER_SECRET, serverConfig));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(),
                "BATON_CONFIG_HOME", dir.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", dir.resolve("home/.local/share/baton").toString(), "OLLAMA_HOST", "127.0.0.1:1");
        baton = Baton.builder(BatonPaths.discover(work, env), env).database(dir.resolve("baton.db"))
                .openTelemetry(otel).build();
        Authenticator keys = presented -> presented.equals(KEY)
                ? Optional.of(new Caller("k1", "test-key", Set.of())) : Optional.empty();
        BatonServer.Builder b = BatonServer.builder(baton, ServerOptions.defaults().withPort(0)).authenticator(keys);
        ServerModules.standard(baton).forEach(b::module);
        server = b.module(new CallingModule()).start();
    }

    /** Stands in for the gateway and the REST API (built in parallel): a chat call and a run per request. */
    private static final class CallingModule implements ServerModule {
        @Override
        public String name() {
            return "calling";
        }

        @Override
        public void mount(ServerContext context) {
            Baton baton = context.baton();
            context.servlet("/test/chat/*", new HttpServlet() {
                @Override
                protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    Routes.name(req, "/test/chat/{profile}");
                    String profile = req.getPathInfo().substring(1);
                    String prompt = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    try {
                        ChatResponse r = baton.model(profile).chat(ChatRequest.builder().user(prompt)
                                .metadata(CallMetadata.API_KEY, Caller.of(req).keyId()).build());
                        res.getWriter().write(r.text());
                    } catch (BatonException e) {
                        ApiErrors.write(res, e);
                    }
                }
            });
            context.servlet("/test/stream/*", new HttpServlet() {
                @Override
                protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    Routes.name(req, "/test/stream/{profile}");
                    String prompt = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    try (var stream = baton.model(req.getPathInfo().substring(1)).stream(ChatRequest.of(prompt))) {
                        while (stream.hasNext()) {
                            String delta = stream.next().textDelta();
                            if (delta != null) res.getWriter().write(delta);
                        }
                    }
                }
            });
            context.servlet("/test/run", new HttpServlet() {
                @Override
                protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    String input = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    RunResult r = baton.ensembles().run("pair", input, RunOptions.defaults().withArtifacts(false), e -> { })
                            .await();
                    res.getWriter().write(r.status().wire());
                }
            });
        }
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every family of the exposition, by name, as the parser read it. */
    private static Map<String, MetricFamily> parse(String exposition) throws IOException {
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                new ByteArrayInputStream(exposition.getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) families.put(f.getName(), f);
        return families;
    }

    private static List<Metric> samples(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        MetricFamily f = families.get(name);
        assertThat(f).as("family " + name + " in " + families.keySet()).isNotNull();
        List<Metric> out = new ArrayList<>();
        for (Metric m : f.getMetrics()) {
            if (m.getLabels().entrySet().containsAll(labels.entrySet())) out.add(m);
        }
        return out;
    }

    private static double value(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        List<Metric> found = samples(families, name, labels);
        assertThat(found).as(name + labels).hasSize(1);
        Metric m = found.getFirst();
        if (m instanceof Counter c) return c.getValue();
        if (m instanceof Gauge g) return g.getValue();
        throw new AssertionError(name + " is a " + m.getClass().getSimpleName());
    }

    @Test
    void metrics_after_real_calls_parse_and_count_requests_calls_tokens_cost_retries_fallbacks_runs_and_state() throws Exception {
        start("");
        assertThat(post("/test/chat/fast", PROMPT).body()).isEqualTo("a warm answer");
        assertThat(post("/test/chat/fast", PROMPT).statusCode()).isEqualTo(200);
        assertThat(post("/test/chat/flaky", "try me").body()).isEqualTo("retried answer");
        for (int i = 0; i < 5; i++) {
            // the cooldown policy opens a deployment's circuit after 5 failures
            assertThat(post("/test/chat/shaky", "fall back").body()).isEqualTo("a warm answer");
        }
        assertThat(post("/test/stream/fast", "stream it").body()).isEqualTo("a warm answer");
        assertThat(post("/test/run", "go").body()).isEqualTo("completed");

        assertThat(get("/metrics").statusCode()).as("metrics need a key by default").isEqualTo(401);
        HttpResponse<String> scrape = get("/metrics", "Authorization", "Bearer " + KEY);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        Map<String, MetricFamily> m = parse(scrape.body());

        List<Metric> chats = samples(m, "baton_http_server_requests_seconds",
                Map.of("method", "POST", "route", "/test/chat/{profile}", "status", "200"));
        assertThat(chats).singleElement().satisfies(h -> assertThat(((Histogram) h).getSampleCount()).isEqualTo(8));
        Map<String, String> fast = Map.of("profile", "fast", "provider", "canned", "model", "m1");
        // 2 direct, 1 streamed, 2 by the run's agents, and 5 shaky calls: a call counts under the profile that answered
        assertThat(value(m, "baton_calls_total", with(fast, "outcome", "ok"))).isEqualTo(10.0);
        assertThat(value(m, "baton_tokens_total", with(fast, "type", "input"))).isEqualTo(100.0);
        assertThat(value(m, "baton_tokens_total", with(fast, "type", "output"))).isEqualTo(40.0);
        assertThat(samples(m, "baton_call_time_to_first_token_seconds", fast)).as("only the streamed call has a first token")
                .singleElement().satisfies(h -> assertThat(((Histogram) h).getSampleCount()).isEqualTo(1));
        assertThat(value(m, "baton_cost_usd_total", fast)).isGreaterThan(0.0);
        assertThat(samples(m, "baton_call_duration_seconds", with(fast, "outcome", "ok"))).singleElement()
                .satisfies(h -> assertThat(((Histogram) h).getBuckets()).isNotEmpty());
        assertThat(value(m, "baton_retries_total", Map.of("profile", "flaky", "outcome", "PROVIDER_ERROR"))).isEqualTo(1.0);
        assertThat(value(m, "baton_fallbacks_total", Map.of("profile", "fast"))).isEqualTo(5.0);
        assertThat(value(m, "baton_runs_total", Map.of("outcome", "completed"))).isEqualTo(1.0);
        assertThat(value(m, "baton_runs_in_flight", Map.of())).isEqualTo(0.0);
        assertThat(value(m, "baton_cooldown_state", Map.of("provider", "canned", "model", "m1"))).isEqualTo(0.0);
        assertThat(value(m, "baton_cooldown_recent_failures", Map.of("provider", "down", "model", "m3"))).isEqualTo(5.0);
        assertThat(value(m, "baton_cooldown_state", Map.of("provider", "down", "model", "m3"))).as("open").isEqualTo(2.0);
        double left = value(m, "baton_budget_remaining_usd", Map.of("scope", "project", "period", "month"));
        assertThat(left).isLessThan(100.0).isGreaterThan(99.0);

        assertThat(scrape.body()).as("no secret, key or prompt in the metrics")
                .doesNotContain(PROVIDER_SECRET).doesNotContain(KEY).doesNotContain("purple soup").doesNotContain("k1");
    }

    @Test
    void metrics_public_serves_metrics_without_a_key() throws Exception {
        start("server: {metrics_public: true}");

        HttpResponse<String> scrape = get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(parse(scrape.body())).containsKey("baton_runs_in_flight");
    }

    @Test
    void a_call_and_a_run_made_for_http_requests_nest_under_the_request_spans() throws Exception {
        start("");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        post("/test/chat/fast", PROMPT, "traceparent", "00-" + traceId + "-" + callerSpan + "-01");
        post("/test/run", PROMPT);
        server.close();
        server = null;

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData chatRequest = only(spans, "POST /test/chat/{profile}");
        assertThat(chatRequest.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(chatRequest.getTraceId()).as("the caller's trace continues").isEqualTo(traceId);
        assertThat(chatRequest.getParentSpanId()).isEqualTo(callerSpan);
        assertThat(chatRequest.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        SpanData call = single(children(spans, chatRequest));
        assertThat(call.getName()).isEqualTo("pipeline fast");
        SpanData attempt = single(children(spans, call));
        assertThat(attempt.getName()).isEqualTo("chat m1");
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("canned");
        assertThat(attempt.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(4L);

        SpanData runRequest = only(spans, "POST /test/run");
        SpanData run = single(children(spans, runRequest));
        assertThat(run.getName()).isEqualTo("ensemble pair");
        List<SpanData> agents = children(spans, run);
        assertThat(agents).extracting(SpanData::getName).containsExactlyInAnyOrder("invoke_agent first", "invoke_agent second");
        for (SpanData agent : agents) {
            SpanData agentCall = single(children(spans, agent));
            assertThat(agentCall.getName()).isEqualTo("pipeline fast");
            SpanData agentAttempt = single(children(spans, agentCall));
            assertThat(agentAttempt.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("m1");
            assertThat(agentAttempt.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("m1");
            assertThat(agentAttempt.getTraceId()).isEqualTo(runRequest.getTraceId());
        }
        assertThat(spans.toString()).as("no secret, key or prompt on any span")
                .doesNotContain(PROVIDER_SECRET).doesNotContain(KEY).doesNotContain("purple soup");
    }

    @Test
    void the_gateway_and_the_rest_api_give_the_same_span_trees() throws Exception {
        start("");
        HttpResponse<String> chat = post("/v1/chat/completions", """
                {"model": "fast", "messages": [{"role": "user", "content": "%s"}]}""".formatted(PROMPT),
                "Content-Type", "application/json");
        HttpResponse<String> started = post("/api/v1/runs", """
                {"ensemble": "pair", "input": "%s"}""".formatted(PROMPT), "Content-Type", "application/json");
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = baton.json().readTree(started.body()).get("run_id").asString();
        HttpRequest result = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/runs/" + runId + "/result?wait=30"))
                .header("Authorization", "Bearer " + KEY).build();
        assertThat(http.send(result, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        server.close();
        server = null;

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData gatewayRequest = only(spans, "POST /v1/chat/completions");
        assertThat(gatewayRequest.getKind()).isEqualTo(SpanKind.SERVER);
        SpanData call = single(children(spans, gatewayRequest));
        assertThat(call.getName()).isEqualTo("pipeline fast");
        SpanData attempt = single(children(spans, call));
        assertThat(attempt.getName()).isEqualTo("chat m1");
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(attempt.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(10L);
        assertThat(attempt.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(4L);

        SpanData run = only(spans, "ensemble pair");
        assertThat(run.getTraceId()).as("the run belongs to the trace of the request that started it")
                .isEqualTo(only(spans, "POST /api/v1/runs").getTraceId());
        List<SpanData> agents = children(spans, run);
        assertThat(agents).extracting(SpanData::getName).containsExactlyInAnyOrder("invoke_agent first", "invoke_agent second");
        for (SpanData agent : agents) {
            SpanData agentAttempt = single(children(spans, single(children(spans, agent))));
            assertThat(agentAttempt.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("m1");
        }
        assertThat(spans.toString()).as("no secret, key or prompt on any span")
                .doesNotContain(PROVIDER_SECRET).doesNotContain(KEY).doesNotContain("purple soup");
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put(key, value);
        return out;
    }

    private static SpanData only(List<SpanData> spans, String name) {
        return single(spans.stream().filter(s -> s.getName().equals(name)).toList());
    }

    private static SpanData single(List<SpanData> spans) {
        assertThat(spans).hasSize(1);
        return spans.getFirst();
    }

    private static List<SpanData> children(List<SpanData> spans, SpanData parent) {
        return spans.stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())).toList();
    }
}
