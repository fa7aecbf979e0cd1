package dev.baton.observe;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.usage.UsageRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans of pipeline calls, provider attempts, ensemble runs and agents, seen by an in-memory
 * exporter; and what {@link BatonObserver}s are told.
 */
class TracingTest {

    private static final String SECRET = "sk-test-DO-NOT-LEAK-0123456789";
    private static final String PROMPT = "tell me about the purple elephant";

    @TempDir
    Path dir;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private Baton baton;

    @AfterEach
    void close() {
        if (baton != null) baton.close();
        otel.close();
    }

    /** The scripted provider {@code canned} (holding an API key that must never show) behind profile {@code fast}. */
    private static String canned(String extra) {
        return """
                providers:
                  canned:
                    kind: scripted
                    api_key: %s
                    options:
                      script:
                        fallback: {text: "a grey answer", usage: {input_tokens: 12, output_tokens: 3}}
                profiles:
                  fast: {provider: canned, model: m1}
                retry: {base_delay_ms: 1, max_delay_ms: 2}
                %s
                """.formatted(SECRET, extra);
    }

    private Baton open(String config, boolean traced) throws IOException {
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve(".baton/ensembles"));
        Files.writeString(work.resolve(".baton/ensembles/pair.yaml"), """
                name: pair
                agents:
                  - {name: first, model_profile: fast}
                  - {name: second, model_profile: fast, depends_on: [first]}
                """);
        Files.writeString(work.resolve(".baton/config.yaml"), config);
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(),
                "BATON_CONFIG_HOME", dir.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", dir.resolve("home/.local/share/baton").toString(), "OLLAMA_HOST", "127.0.0.1:1");
        Baton.Builder b = Baton.builder(BatonPaths.discover(work, env), env).database(dir.resolve("baton.db"));
        if (traced) b.openTelemetry(otel);
        baton = b.build();
        return baton;
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> found = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found).as("spans named " + name).hasSize(1);
        return found.getFirst();
    }

    private static List<SpanData> childrenOf(List<SpanData> spans, SpanData parent) {
        return spans.stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())).toList();
    }

    @Test
    void an_ensemble_run_nests_run_agents_pipeline_calls_and_provider_attempts_under_the_callers_span() throws Exception {
        open(canned(""), true);
        Span request = otel.getTracer("test").spanBuilder("request").startSpan();
        RunResult result;
        try (Scope ignored = request.makeCurrent()) {
            result = baton.ensembles().run("pair", PROMPT, RunOptions.defaults().withArtifacts(false), e -> { }).await();
        } finally {
            request.end();
        }
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData root = only(spans, "request");
        SpanData run = only(spans, "ensemble pair");
        assertThat(run.getParentSpanId()).as("the run under the caller's span").isEqualTo(root.getSpanId());
        assertThat(run.getTraceId()).isEqualTo(root.getTraceId());
        assertThat(run.getAttributes().get(AttributeKey.stringKey("baton.run.id"))).isEqualTo(result.runId());

        List<SpanData> agents = childrenOf(spans, run);
        assertThat(agents).extracting(SpanData::getName).containsExactlyInAnyOrder("invoke_agent first", "invoke_agent second");
        for (SpanData agent : agents) {
            assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("invoke_agent");
            List<SpanData> calls = childrenOf(spans, agent);
            assertThat(calls).extracting(SpanData::getName).containsExactly("pipeline fast");
            SpanData call = calls.getFirst();
            assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("m1");
            assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(12L);
            List<SpanData> attempts = childrenOf(spans, call);
            assertThat(attempts).hasSize(1);
            SpanData attempt = attempts.getFirst();
            assertThat(attempt.getName()).isEqualTo("chat m1");
            assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
            var a = attempt.getAttributes();
            assertThat(a.get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
            assertThat(a.get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("canned");
            assertThat(a.get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("m1");
            assertThat(a.get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("m1");
            assertThat(a.get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(12L);
            assertThat(a.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(3L);
            assertThat(a.get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"))).containsExactly("stop");
        }
        assertThat(spans.toString()).as("no prompt, output or secret without capture_content")
                .doesNotContain("purple elephant").doesNotContain("grey answer").doesNotContain(SECRET);
    }

    @Test
    void the_runs_of_a_batch_nest_under_the_callers_span() throws Exception {
        open(canned(""), true);
        var ensembles = baton.ensembles();
        Span request = otel.getTracer("test").spanBuilder("request").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            ensembles.runBatch(ensembles.load("pair"), List.of("one", "two"), 2, RunOptions.defaults().withArtifacts(false),
                    line -> { });
        } finally {
            request.end();
        }

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData root = only(spans, "request");
        assertThat(spans).filteredOn(s -> s.getName().equals("ensemble pair")).hasSize(2)
                .allSatisfy(run -> assertThat(run.getParentSpanId()).isEqualTo(root.getSpanId()));
    }

    @Test
    void capture_content_puts_prompt_and_output_on_the_pipeline_call_span_only() throws Exception {
        open(canned("telemetry: {capture_content: true}"), true);
        baton.model("fast").chat(ChatRequest.of(PROMPT));

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData call = only(spans, "pipeline fast");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                .contains("\"role\":\"user\"").contains("purple elephant");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages"))).contains("a grey answer");
        assertThat(only(spans, "chat m1").getAttributes().asMap().toString()).doesNotContain("purple elephant");
        assertThat(spans.toString()).doesNotContain(SECRET);
    }

    @Test
    void a_retried_call_has_one_attempt_span_per_try_and_observers_hear_of_the_retry_and_the_record() throws Exception {
        open("""
                providers:
                  flaky:
                    kind: scripted
                    options:
                      script:
                        replies:
                          - {error: {code: PROVIDER_ERROR, message: "upstream hiccup"}}
                          - {text: "second time lucky"}
                profiles:
                  flaky: {provider: flaky, model: m2}
                retry: {base_delay_ms: 1, max_delay_ms: 2}
                """, true);
        List<String> retries = new CopyOnWriteArrayList<>();
        List<UsageRecord> records = new CopyOnWriteArrayList<>();
        baton.observers().add(new BatonObserver() {
            @Override
            public void callRecorded(UsageRecord record) {
                records.add(record);
            }

            @Override
            public void retrying(String profile, String provider, String model, ErrorCode code) {
                retries.add(profile + " " + provider + "/" + model + " " + code);
            }
        });

        ChatResponse r = baton.model("flaky").chat(ChatRequest.of("hello"));

        assertThat(r.text()).isEqualTo("second time lucky");
        assertThat(retries).containsExactly("flaky flaky/m2 PROVIDER_ERROR");
        assertThat(records).singleElement().satisfies(rec -> {
            assertThat(rec.ok()).isTrue();
            assertThat(rec.profile()).isEqualTo("flaky");
        });
        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData call = only(spans, "pipeline flaky");
        List<SpanData> attempts = childrenOf(spans, call);
        assertThat(attempts).hasSize(2);
        assertThat(attempts).filteredOn(s -> s.getStatus().getStatusCode() == StatusCode.ERROR).singleElement()
                .satisfies(s -> assertThat(s.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("PROVIDER_ERROR"));
    }

    @Test
    void a_streamed_call_keeps_its_span_open_until_the_stream_ends() throws Exception {
        open(canned(""), true);
        try (ChatStream stream = baton.model("fast").stream(ChatRequest.of(PROMPT))) {
            assertThat(stream.hasNext()).isTrue();
            stream.next();
            assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName).doesNotContain("pipeline fast");
            while (stream.hasNext()) stream.next();
        }
        SpanData call = only(exporter.getFinishedSpanItems(), "pipeline fast");
        assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(3L);
        assertThat(childrenOf(exporter.getFinishedSpanItems(), call)).extracting(SpanData::getName).containsExactly("chat m1");
    }

    @Test
    void without_opentelemetry_nothing_is_traced_but_observers_still_hear_of_calls_and_runs() throws Exception {
        open(canned(""), false);
        List<UsageRecord> records = new CopyOnWriteArrayList<>();
        List<String> runEvents = new CopyOnWriteArrayList<>();
        AutoCloseable registration = baton.observers().add(new BatonObserver() {
            @Override
            public void callRecorded(UsageRecord record) {
                records.add(record);
            }

            @Override
            public void runEvent(RunEvent event) {
                runEvents.add(event.type());
            }
        });

        baton.ensembles().run("pair", "go", RunOptions.defaults().withArtifacts(false), e -> { }).await();

        assertThat(baton.telemetry().enabled()).isFalse();
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.model()).isEqualTo("m1"));
        assertThat(runEvents).startsWith("run_started").endsWith("run_completed");

        registration.close();
        baton.model("fast").chat(ChatRequest.of("again"));
        assertThat(records).as("a removed observer hears nothing more").hasSize(2);
    }
}
