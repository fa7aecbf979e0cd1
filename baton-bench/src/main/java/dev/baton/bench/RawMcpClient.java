package dev.baton.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal MCP client over Streamable HTTP for load: one session ({@code initialize},
 * {@code notifications/initialized}, {@code tools/call} read to its answer on the response's
 * event stream or JSON body, {@code DELETE} at close) on an {@link HttpClient} shared by all
 * sessions, so a hundred sessions cost the harness one connection pool and one selector thread
 * instead of the MCP SDK client's one of each per session. It speaks only what the benchmark needs;
 * notifications on the stream (progress, logs) are read and skipped.
 */
final class RawMcpClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROTOCOL = "2025-06-18";

    private final HttpClient http;
    private final URI endpoint;
    private String session;
    private int nextId = 1;

    RawMcpClient(HttpClient http, String baseUrl) {
        this.http = http;
        this.endpoint = URI.create(baseUrl + "/mcp");
    }

    void initialize() throws IOException, InterruptedException {
        HttpResponse<InputStream> r = post("""
                {"jsonrpc":"2.0","id":%d,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},
                "clientInfo":{"name":"baton-bench","version":"1"}}}""".formatted(nextId++, PROTOCOL));
        session = r.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new IOException("initialize: no Mcp-Session-Id in the answer (status " + r.statusCode() + ")"));
        answer(r, nextId - 1);
        HttpResponse<InputStream> n = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        n.body().close();
        if (n.statusCode() / 100 != 2) throw new IOException("notifications/initialized: status " + n.statusCode());
    }

    /** Calls {@code tool} with {@code argumentsJson}; the call's {@code result}. */
    JsonNode callTool(String tool, String argumentsJson) throws IOException, InterruptedException {
        int id = nextId++;
        return answer(post("""
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(id, tool, argumentsJson)), id);
    }

    private HttpResponse<InputStream> post(String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", PROTOCOL)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) b.header("Mcp-Session-Id", session);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The {@code result} of the message answering {@code id}, from a JSON body or an event stream. */
    private static JsonNode answer(HttpResponse<InputStream> r, int id) throws IOException {
        try (InputStream body = r.body()) {
            if (r.statusCode() / 100 != 2) {
                throw new IOException("status " + r.statusCode() + ": " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            if (!stream) return result(JSON.readTree(body), id);
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    JsonNode message = JSON.readTree(data.toString());
                    data.setLength(0);
                    if (message.has("id") && message.get("id").asInt() == id) return result(message, id);
                }
            }
            throw new IOException("the event stream ended without the answer to request " + id);
        }
    }

    private static JsonNode result(JsonNode message, int id) throws IOException {
        if (message.has("error")) throw new IOException("request " + id + " failed: " + message.get("error"));
        return message.get("result");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (session == null) return;
        HttpRequest delete = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).DELETE()
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", PROTOCOL).build();
        http.send(delete, HttpResponse.BodyHandlers.discarding());
    }
}
