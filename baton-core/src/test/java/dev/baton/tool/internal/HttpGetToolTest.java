package dev.baton.tool.internal;

import com.sun.net.httpserver.HttpServer;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.baton.tool.internal.ToolTestSupport.args;
import static dev.baton.tool.internal.ToolTestSupport.call;
import static dev.baton.tool.internal.ToolTestSupport.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

class HttpGetToolTest {

    @TempDir
    Path root;

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", ex -> {
            byte[] body = "hello from loopback".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/big", ex -> {
            byte[] body = "z".repeat(5000).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/away", ex -> {
            ex.getResponseHeaders().add("Location", "http://example.com/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void given_http_get_disabled_when_called_then_refused_saying_how_to_enable() throws Exception {
        ToolResult r = call(new HttpGetTool(false, List.of("127.0.0.1"), 1000), sandbox(root), args("url", base + "/hello"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("http_get is disabled").doesNotContain("hello from loopback");
    }

    @Test
    void given_a_host_not_on_the_allowlist_when_called_then_refused_naming_the_host() throws Exception {
        ToolResult r = call(new HttpGetTool(true, List.of("docs.example.org"), 1000), sandbox(root), args("url", base + "/hello"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("host '127.0.0.1' is not on the http_get allowlist");
    }

    @Test
    void given_an_allowed_host_when_called_then_status_type_and_body() throws Exception {
        ToolResult r = call(new HttpGetTool(true, List.of("127.0.0.1"), 1000), sandbox(root), args("url", base + "/hello"));

        assertThat(r.isError()).as(r.content()).isFalse();
        assertThat(r.content()).startsWith("HTTP 200 " + base + "/hello\n").contains("content-type: text/plain")
                .endsWith("\n\nhello from loopback");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void given_a_body_over_the_cap_when_called_then_cut_and_flagged() throws Exception {
        ToolResult r = call(new HttpGetTool(true, List.of("127.0.0.1"), 100), sandbox(root), args("url", base + "/big"));

        assertThat(r.truncated()).isTrue();
        assertThat(r.content()).contains("body truncated at 100 bytes").endsWith("\n\n" + "z".repeat(100));
    }

    @Test
    void given_a_redirect_to_a_host_not_allowed_when_called_then_refused() throws Exception {
        ToolResult r = call(new HttpGetTool(true, List.of("127.0.0.1"), 1000), sandbox(root), args("url", base + "/away"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("host 'example.com' is not on the http_get allowlist");
    }

    @Test
    void given_a_non_http_scheme_when_called_then_an_error_naming_the_argument() throws Exception {
        ToolResult r = call(new HttpGetTool(true, List.of("127.0.0.1"), 1000), sandbox(root), args("url", "file:///etc/passwd"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("argument 'url' must be an http or https URL");
    }
}
