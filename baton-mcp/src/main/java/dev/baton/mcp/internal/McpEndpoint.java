package dev.baton.mcp.internal;

import dev.baton.mcp.internal.oauth.BearerRequests;
import dev.baton.mcp.internal.oauth.OAuthAuthorizer;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import org.jspecify.annotations.Nullable;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where one MCP server is: a child process on stdio or a Streamable HTTP endpoint. Makes a fresh transport per connection. */
public sealed interface McpEndpoint {

    /** A new transport, and a future that completes (with why) when the server is gone, or never for HTTP. */
    Opened open(String server, McpJsonMapper json, Duration timeout);

    /**
     * A transport with its end signal, and whether requests in flight need pings to notice the
     * server going away (when {@code ended} cannot tell).
     */
    record Opened(McpClientTransport transport, CompletableFuture<String> ended, boolean heartbeats) {
    }

    /** {@code argv} started without a shell in {@code cwd} with exactly {@code env}. */
    record Stdio(List<String> argv, Map<String, String> env, Path cwd) implements McpEndpoint {
        public Stdio {
            argv = List.copyOf(argv);
            env = Map.copyOf(env);
        }

        @Override
        public Opened open(String server, McpJsonMapper json, Duration timeout) {
            StdioServerTransport t = new StdioServerTransport(server, argv, env, cwd, json);
            return new Opened(t, t.ended(), false);
        }

        @Override
        public String toString() {
            return "stdio " + argv.getFirst();
        }
    }

    /**
     * A Streamable HTTP endpoint; {@code headers} go on every request and are never shown;
     * {@code oauth}, when not null, authorizes Baton when the server asks (and keeps its token
     * across reconnections).
     */
    record Http(URI url, Map<String, String> headers, @Nullable OAuthAuthorizer oauth) implements McpEndpoint {
        public Http {
            headers = Map.copyOf(headers);
        }

        /** An endpoint that does not authorize itself beyond {@code headers}. */
        public Http(URI url, Map<String, String> headers) {
            this(url, headers, null);
        }

        @Override
        public Opened open(String server, McpJsonMapper json, Duration timeout) {
            String base = url.getScheme() + "://" + url.getRawAuthority();
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            if (url.getRawQuery() != null) path += "?" + url.getRawQuery();
            var builder = HttpClientStreamableHttpTransport.builder(base).endpoint(path).jsonMapper(json)
                    .clientBuilder(ResumingHttpClient.resumingBuilder(oauth == null ? null : new BearerRequests(oauth)))
                    .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10));
            if (!headers.isEmpty()) {
                builder.httpRequestCustomizer((request, method, uri, body, context) -> headers.forEach(request::header));
            }
            return new Opened(builder.build(), new CompletableFuture<>(), true);
        }

        @Override
        public String toString() {
            return url.toString();
        }
    }
}
