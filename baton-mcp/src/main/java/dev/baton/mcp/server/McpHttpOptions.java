package dev.baton.mcp.server;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * How {@link McpHttpServer} listens and whom it lets in.
 *
 * @param host            the address to bind; {@code 127.0.0.1} unless the user asks for another
 * @param port            the port; 0 picks a free one ({@link McpHttpServer#port()} tells which)
 * @param token           when set, every request needs {@code Authorization: Bearer <token>}
 * @param maxRequestBytes the largest request body accepted (413 above it)
 * @param allowedOrigins  browser origins allowed besides loopback ones, exactly as sent (e.g. {@code https://app.example})
 */
public record McpHttpOptions(String host, int port, @Nullable String token, int maxRequestBytes,
                             List<String> allowedOrigins) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    public McpHttpOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (maxRequestBytes <= 0) throw new IllegalArgumentException("maxRequestBytes must be positive, was " + maxRequestBytes);
        if (token != null && token.isBlank()) token = null;
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Loopback, the default port, no token. */
    public static McpHttpOptions defaults() {
        return new McpHttpOptions(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_REQUEST_BYTES, List.of());
    }

    public McpHttpOptions withPort(int port) {
        return new McpHttpOptions(host, port, token, maxRequestBytes, allowedOrigins);
    }

    public McpHttpOptions withHost(String host) {
        return new McpHttpOptions(host, port, token, maxRequestBytes, allowedOrigins);
    }

    public McpHttpOptions withToken(@Nullable String token) {
        return new McpHttpOptions(host, port, token, maxRequestBytes, allowedOrigins);
    }

    public McpHttpOptions withMaxRequestBytes(int maxRequestBytes) {
        return new McpHttpOptions(host, port, token, maxRequestBytes, allowedOrigins);
    }

    @Override
    public String toString() {
        // the token is a secret: never in a log line or an error message
        return "McpHttpOptions[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "set")
                + ", maxRequestBytes=" + maxRequestBytes + ", allowedOrigins=" + allowedOrigins + "]";
    }
}
