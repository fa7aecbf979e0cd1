package dev.baton.server.gateway;

import dev.baton.server.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's routes on Jetty's core handler answer exactly as the same routes served as servlets:
 * one server of each, the same requests — answers, streams, and what the guards decide (key, body
 * limit, Host, Origin, CORS, deadline, method) — the same status, headers and body.
 */
class CoreRoutesParityTest {

    private static final List<String> HEADERS = List.of("content-type", "x-baton-model", "x-baton-fallbacks",
            "www-authenticate", "retry-after", "allow", "access-control-allow-origin", "access-control-allow-headers",
            "cache-control", "vary");

    @TempDir
    static Path dir;

    static GatewayFixture core;
    static GatewayFixture servlets;
    static final List<String> coreLog = new CopyOnWriteArrayList<>();
    static final List<String> servletLog = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String config = GatewayConfigs.scripted("""
                slow-canned: {kind: scripted, options: {script: {fallback: {text: "Slow answer.", latency_ms: 5000}}}}
                """, """
                slow: {provider: slow-canned, model: slow-1}
                """);
        ServerOptions options = ServerOptions.defaults().withMaxRequestBytes(4000).withRequestTimeout(Duration.ofMillis(400))
                .withCorsOrigins(List.of("https://app.example"));
        core = GatewayFixture.start(dir.resolve("core"), config, GatewayConfigs.ensembles(), options, coreLog::add, false);
        servlets = GatewayFixture.start(dir.resolve("servlets"), config, GatewayConfigs.ensembles(), options, servletLog::add, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (core != null) core.close();
        if (servlets != null) servlets.close();
    }

    /** Status, the headers that matter and the body (ids and timestamps blanked) of {@code request} against {@code url}. */
    private Map<String, String> answer(Function<String, HttpRequest> request, String url) throws Exception {
        HttpResponse<String> res = http.send(request.apply(url), HttpResponse.BodyHandlers.ofString());
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("status", Integer.toString(res.statusCode()));
        for (String h : HEADERS) res.headers().firstValue(h).ifPresent(v -> seen.put(h, v.toLowerCase(java.util.Locale.ROOT)));
        seen.put("body", res.body().replaceAll("\"id\":\"[^\"]*\"", "\"id\":\"_\"").replaceAll("\"created\":\\d+", "\"created\":0"));
        return seen;
    }

    private void assertSame(Function<String, HttpRequest> request, String expectedStatus) throws Exception {
        Map<String, String> fromCore = answer(request, core.url());
        Map<String, String> fromServlets = answer(request, servlets.url());
        assertThat(fromCore).isEqualTo(fromServlets);
        assertThat(fromCore.get("status")).as(fromCore.get("body")).isEqualTo(expectedStatus);
    }

    private static HttpRequest.Builder post(String url, String path, String body) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String chat(String model, String more) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]" + more + "}";
    }

    @Test
    void given_answers_whole_and_streamed_then_both_ways_of_serving_send_the_same() throws Exception {
        assertSame(u -> post(u, "/v1/chat/completions", chat("quick", "")).header("Authorization", "Bearer " + GatewayFixture.KEY).build(), "200");
        assertSame(u -> post(u, "/v1/chat/completions", chat("quick", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .header("Authorization", "Bearer " + GatewayFixture.KEY).build(), "200");
        assertSame(u -> post(u, "/v1/messages", "{\"model\":\"quick\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .header("x-api-key", GatewayFixture.KEY).build(), "200");
        assertSame(u -> post(u, "/v1/messages", "{\"model\":\"quick\",\"max_tokens\":50,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").header("x-api-key", GatewayFixture.KEY).build(), "200");
        assertSame(u -> HttpRequest.newBuilder(URI.create(u + "/v1/models")).header("Authorization", "Bearer " + GatewayFixture.LIMITED_KEY).build(), "200");
        assertSame(u -> HttpRequest.newBuilder(URI.create(u + "/v1/models")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + GatewayFixture.LIMITED_KEY).build(), "200");
    }

    @Test
    void given_what_the_guards_refuse_then_both_ways_of_serving_refuse_it_alike() throws Exception {
        // no key; an unknown key; a declared body over the limit; a chunked one over it; a foreign Origin; the wrong method
        assertSame(u -> post(u, "/v1/chat/completions", chat("quick", "")).build(), "401");
        assertSame(u -> post(u, "/v1/messages", chat("quick", "")).header("x-api-key", "bk_nobody").build(), "401");
        String big = chat("quick", ",\"user\":\"" + "x".repeat(5000) + "\"");
        assertSame(u -> post(u, "/v1/chat/completions", big).header("Authorization", "Bearer " + GatewayFixture.KEY).build(), "413");
        assertSame(u -> HttpRequest.newBuilder(URI.create(u + "/v1/chat/completions")).header("Authorization", "Bearer " + GatewayFixture.KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(), "400");
        assertSame(u -> post(u, "/v1/chat/completions", chat("quick", "")).header("Authorization", "Bearer " + GatewayFixture.KEY)
                .header("Origin", "https://evil.example").build(), "403");
        assertSame(u -> HttpRequest.newBuilder(URI.create(u + "/v1/chat/completions")).header("Authorization", "Bearer " + GatewayFixture.KEY).build(), "405");
    }

    @Test
    void given_cors_and_a_deadline_then_both_ways_of_serving_apply_them_alike() throws Exception {
        assertSame(u -> HttpRequest.newBuilder(URI.create(u + "/v1/chat/completions")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST").build(), "204");
        assertSame(u -> post(u, "/v1/chat/completions", chat("quick", "")).header("Authorization", "Bearer " + GatewayFixture.KEY)
                .header("Origin", "https://app.example").build(), "200");
        assertSame(u -> post(u, "/v1/chat/completions", chat("slow", "")).header("Authorization", "Bearer " + GatewayFixture.KEY).build(), "504");
    }

    @Test
    void given_a_foreign_host_then_both_ways_of_serving_answer_403() throws Exception {
        assertThat(rawAnswer(core.server.port(), "evil.example.com")).startsWith("HTTP/1.1 403")
                .contains("DNS rebinding").isEqualTo(rawAnswer(servlets.server.port(), "evil.example.com").replaceAll("(?m)^Date: .*$", ""));
    }

    private static String rawAnswer(int port, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                    + GatewayFixture.KEY + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^Date: .*\r?$", "");
        }
    }

    @Test
    void given_a_call_on_the_core_route_then_its_access_log_line_names_route_status_and_key_id() throws Exception {
        coreLog.clear();
        core.post("/v1/chat/completions", GatewayFixture.KEY, chat("quick", ""));
        core.post("/v1/chat/completions", null, chat("quick", ""));

        List<String> lines = new ArrayList<>(coreLog);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"method\":\"POST\"", "\"route\":\"/v1/chat/completions\"", "\"status\":200", "\"key_id\":\"k1\"");
        assertThat(lines.get(1)).contains("\"route\":\"/v1/chat/completions\"", "\"status\":401", "\"key_id\":null")
                .doesNotContain(GatewayFixture.KEY);
    }
}
