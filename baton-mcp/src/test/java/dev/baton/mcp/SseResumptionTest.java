package dev.baton.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Streamable HTTP server that ends a call's SSE stream after its priming event and delivers the
 * answer on the GET that resumes it (MCP 2025-11-25 polling): the call still gets its answer, the
 * GET carries {@code Last-Event-ID} and the session id. Also: a server that declares no tools
 * capability lists no tools instead of failing to start. No node needed: the JDK's HTTP server.
 */
class SseResumptionTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<Map<String, String>> resumes = new CopyOnWriteArrayList<>();
    private volatile Object pendingCallId;
    private volatile boolean withTools = true;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mcp", this::handle);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestMethod().equals("GET")) {
                String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
                if (last == null || pendingCallId == null) {
                    ex.sendResponseHeaders(405, -1); // no standalone stream: only resumption is served
                    return;
                }
                resumes.add(Map.of("last-event-id", last,
                        "session", String.valueOf(ex.getRequestHeaders().getFirst("Mcp-Session-Id"))));
                String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(pendingCallId)
                        + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"resumed answer\"}]}}";
                sse(ex, "event: message\nid: e2\ndata: " + answer + "\n\n");
                return;
            }
            JsonNode msg = JSON.readTree(ex.getRequestBody().readAllBytes());
            String method = msg.path("method").asString("");
            if (!msg.has("id")) {
                ex.sendResponseHeaders(202, -1);
                return;
            }
            switch (method) {
                case "initialize" -> json(ex, msg, "{\"protocolVersion\":\"2025-11-25\",\"serverInfo\":{\"name\":\"t\",\"version\":\"1\"},"
                        + "\"capabilities\":" + (withTools ? "{\"tools\":{}}" : "{}") + "}");
                case "tools/list" -> json(ex, msg, "{\"tools\":[{\"name\":\"slow\",\"inputSchema\":{\"type\":\"object\"}}]}");
                case "tools/call" -> {
                    pendingCallId = JSON.treeToValue(msg.get("id"), Object.class);
                    sse(ex, "id: e1\nretry: 100\ndata: \n\n"); // priming event, then the stream ends without the answer
                }
                default -> json(ex, msg, "{}");
            }
        }
    }

    private static void json(HttpExchange ex, JsonNode request, String result) throws IOException {
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + result + "}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("Mcp-Session-Id", "session-1");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sse(HttpExchange ex, String events) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Mcp-Session-Id", "session-1");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(events.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_call_whose_stream_ends_before_the_answer_is_resumed_from_the_last_event() throws Exception {
        try (McpToolSource source = McpServers.http("poll", start(), Map.of())) {
            Tool slow = source.tools().getFirst();

            ToolResult r = slow.call((ObjectNode) JSON.readTree("{}"), ReferenceServers.context(tmp));

            assertThat(r.isError()).as(r.content()).isFalse();
            assertThat(r.content()).isEqualTo("resumed answer");
            assertThat(resumes).hasSize(1);
            assertThat(resumes.getFirst()).containsEntry("last-event-id", "e1").containsEntry("session", "session-1");
        }
    }

    @Test
    void a_server_without_the_tools_capability_has_no_tools_rather_than_failing_to_start() throws Exception {
        withTools = false;
        try (McpToolSource source = McpServers.http("bare", start(), Map.of())) {
            assertThat(source.tools()).isEmpty();
        }
    }
}
