package dev.baton.mcp.server;

import dev.baton.Baton;
import dev.baton.artifact.StoredRun;
import dev.baton.config.BatonPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's {@code notifications/cancelled} for an {@code invoke} call over Streamable HTTP stops
 * the run: no agent starts after it, the answer says cancelled, and so does the artifact.
 */
class InvokeCancellationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Baton baton;
    private McpHttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String session;

    @BeforeEach
    void start() throws Exception {
        Path ensembles = dir.resolve("project/.baton/ensembles");
        Files.createDirectories(ensembles);
        Files.writeString(ensembles.resolve("slow.yaml"), """
                name: slow
                agents:
                  - name: first
                    script: 'touch "%1$s/first-started"; sleep 60; printf late'
                  - name: second
                    depends_on: [first]
                    script: 'touch "%1$s/second-started"; printf done'
                """.formatted(dir));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build().serveHttp(McpHttpOptions.defaults().withPort(0));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private HttpRequest post(String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url())).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) b.header("Mcp-Session-Id", session);
        return b.build();
    }

    @Test
    void a_cancelled_invoke_stops_the_run_and_records_it_cancelled() throws Exception {
        HttpResponse<String> init = http.send(post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""),
                HttpResponse.BodyHandlers.ofString());
        session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), HttpResponse.BodyHandlers.discarding());

        HttpResponse<Stream<String>> call = http.sendAsync(post("""
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"invoke","arguments":{"ensemble":"slow"}}}"""),
                HttpResponse.BodyHandlers.ofLines()).get(60, TimeUnit.SECONDS);
        awaitFile(dir.resolve("first-started"));
        HttpResponse<String> cancelled = http.send(post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"user pressed stop"}}"""),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = answer(call.body().iterator(), 7);

        assertThat(cancelled.statusCode()).isBetween(200, 299);
        assertThat(answer.path("result").path("structuredContent").path("status").asString()).isEqualTo("cancelled");
        assertThat(dir.resolve("second-started")).doesNotExist();
        Optional<StoredRun> recorded = baton.ensembles().artifacts().show("slow", "latest");
        assertThat(recorded).isPresent();
        assertThat(recorded.get().result().status().wire()).isEqualTo("cancelled");
    }

    @Test
    void another_session_cannot_cancel_the_call() throws Exception {
        HttpResponse<String> init = http.send(post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""),
                HttpResponse.BodyHandlers.ofString());
        session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), HttpResponse.BodyHandlers.discarding());
        Files.writeString(baton.ensembles().projectDirectory().resolve("quick.yaml"), """
                name: quick
                agents:
                  - name: first
                    script: 'touch "%1$s/first-started"; sleep 2; printf ok'
                """.formatted(dir));
        HttpResponse<Stream<String>> call = http.sendAsync(post("""
                {"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"invoke","arguments":{"ensemble":"quick"}}}"""),
                HttpResponse.BodyHandlers.ofLines()).get(60, TimeUnit.SECONDS);
        awaitFile(dir.resolve("first-started"));
        String mine = session;
        session = "some-other-session";
        http.send(post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":8}}"""), HttpResponse.BodyHandlers.discarding());
        session = mine;

        assertThat(answer(call.body().iterator(), 8).path("result").path("structuredContent").path("status").asString())
                .isEqualTo("completed");
    }

    @Test
    void over_stdio_a_cancelled_invoke_stops_the_run_too() throws Exception {
        java.io.PipedOutputStream client = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(client, 1 << 16);
        java.io.PipedInputStream fromServer = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream stdout = new java.io.PipedOutputStream(fromServer);
        BatonMcpServer mcp = BatonMcpServer.builder().extension(new BatonTools(baton)).build();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                mcp.serveStdio(stdin, stdout);
            } catch (InterruptedException ignored) {
                // the test ends
            }
        });
        var lines = new java.io.BufferedReader(new java.io.InputStreamReader(fromServer, java.nio.charset.StandardCharsets.UTF_8))
                .lines().iterator();
        try {
            write(client, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
            answer(lines, 1);
            write(client, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            write(client, """
                    {"jsonrpc":"2.0","id":"call-5","method":"tools/call","params":{"name":"invoke","arguments":{"ensemble":"slow"}}}""");
            awaitFile(dir.resolve("first-started"));
            write(client, """
                    {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"call-5"}}""");

            JsonNode answer = answerById(lines, "\"call-5\"");
            assertThat(answer.path("result").path("structuredContent").path("status").asString()).isEqualTo("cancelled");
            assertThat(dir.resolve("second-started")).doesNotExist();
        } finally {
            client.close();
            serving.join(Duration.ofSeconds(30));
        }
    }

    private static void write(java.io.OutputStream client, String message) throws java.io.IOException {
        client.write((message.strip() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        client.flush();
    }

    private static JsonNode answerById(Iterator<String> lines, String id) {
        while (lines.hasNext()) {
            JsonNode node = JSON.readTree(lines.next());
            if (node.has("id") && node.get("id").toString().equals(id)) return node;
        }
        throw new AssertionError("no response " + id);
    }

    /** The JSON-RPC response with {@code id} from an SSE (or plain JSON) response body. */
    private static JsonNode answer(Iterator<String> lines, int id) {
        while (lines.hasNext()) {
            String line = lines.next();
            String data = line.startsWith("data:") ? line.substring(5).strip() : line.strip();
            if (!data.startsWith("{")) continue;
            JsonNode node = JSON.readTree(data);
            if (node.path("id").asInt(-1) == id) return node;
        }
        throw new AssertionError("no response " + id);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(file) && Instant.now().isBefore(until)) Thread.sleep(20);
        assertThat(file).exists();
    }
}
