package dev.baton.mcp.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the HTTP face lets in and what it turns away, before any MCP message is read. */
class McpHttpServerTest {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
             "clientInfo":{"name":"test","version":"1"}}}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private McpHttpServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private McpHttpServer start(McpHttpOptions options) throws Exception {
        server = BatonMcpServer.builder().extension(new ConformanceFixtures()).build().serveHttp(options.withPort(0));
        return server;
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void binds_loopback_by_default_and_answers_initialize() throws Exception {
        start(McpHttpOptions.defaults());

        HttpResponse<String> response = post(INITIALIZE);

        assertThat(server.url()).startsWith("http://127.0.0.1:");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"serverInfo\"").contains("\"baton\"");
        assertThat(response.headers().firstValue("mcp-session-id")).isPresent();
    }

    @Test
    void a_foreign_origin_gets_403_and_a_loopback_one_gets_through() throws Exception {
        start(McpHttpOptions.defaults());

        assertThat(post(INITIALIZE, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(post(INITIALIZE, "Origin", "http://localhost:3000").statusCode()).isEqualTo(200);
    }

    @Test
    void an_allowed_origin_from_the_options_gets_through() throws Exception {
        start(new McpHttpOptions("127.0.0.1", 0, null, 1 << 20, List.of("https://app.example")));

        assertThat(post(INITIALIZE, "Origin", "https://app.example").statusCode()).isEqualTo(200);
        assertThat(post(INITIALIZE, "Origin", "https://other.example").statusCode()).isEqualTo(403);
    }

    @Test
    void a_foreign_host_header_gets_403_dns_rebinding() throws Exception {
        start(McpHttpOptions.defaults());

        String response = raw("POST /mcp HTTP/1.1\r\nHost: evil.example:" + server.port() + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: " + INITIALIZE.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + INITIALIZE);

        assertThat(response).startsWith("HTTP/1.1 403").contains("DNS rebinding");
    }

    @Test
    void with_a_token_a_request_without_it_gets_401_and_one_with_it_gets_through() throws Exception {
        start(McpHttpOptions.defaults().withToken("s3cret-token"));

        HttpResponse<String> without = post(INITIALIZE);
        HttpResponse<String> wrong = post(INITIALIZE, "Authorization", "Bearer nope");
        HttpResponse<String> right = post(INITIALIZE, "Authorization", "Bearer s3cret-token");

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(without.body()).doesNotContain("s3cret-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    void a_body_over_the_limit_gets_413() throws Exception {
        start(McpHttpOptions.defaults().withMaxRequestBytes(1024));

        HttpResponse<String> response = post(INITIALIZE.replace("\"test\"", "\"" + "x".repeat(4096) + "\""));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(post(INITIALIZE).statusCode()).isEqualTo(200);
    }

    @Test
    void close_stops_accepting_connections() throws Exception {
        start(McpHttpOptions.defaults());
        int port = server.port();

        server.close();
        server = null;

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void the_options_never_show_the_token() {
        assertThat(McpHttpOptions.defaults().withToken("s3cret-token").toString()).doesNotContain("s3cret").contains("token=set");
    }

    /** Sends {@code request} as is (the JDK client will not send a foreign Host header) and returns the response head. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
