package dev.baton.mcp;

import com.sun.net.httpserver.HttpServer;
import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configured headers (with {@code ${VAR}} expanded) reach an HTTP server; their values never appear in errors. */
class HttpHeadersTest {

    @TempDir
    Path workspace;

    @Test
    void configured_headers_are_sent_and_a_refused_connection_error_does_not_show_them() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mcp", exchange -> {
            seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });
        server.start();
        try {
            var config = new ConfigLoader(EnvExpander.of(Map.of("MCP_TOKEN", "tok-s3cr3t"))).parse("""
                    mcp_servers:
                      remote:
                        url: http://127.0.0.1:%d/mcp
                        headers: {Authorization: "Bearer ${MCP_TOKEN}"}
                        timeout_seconds: 10
                    """.formatted(server.getAddress().getPort()), workspace.resolve("config.yaml"));
            try (McpToolSource source = McpServers.of("remote", config.mcpServers().get("remote"), Map.of(), workspace)) {
                assertThatThrownBy(source::tools)
                        .hasMessageContaining("MCP server 'remote' could not be started").hasMessageContaining("Authorization error")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-s3cr3t"));
            }
            assertThat(seen).isNotEmpty().allMatch("Bearer tok-s3cr3t"::equals);
        } finally {
            server.stop(0);
        }
    }
}
