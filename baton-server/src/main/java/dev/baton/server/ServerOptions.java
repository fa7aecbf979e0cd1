package dev.baton.server;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * How {@link BatonServer} listens and whom it lets in.
 *
 * @param host                the address to bind; {@code 127.0.0.1} unless the user asks for another
 * @param port                the port; 0 picks a free one ({@link BatonServer#port()} tells which)
 * @param auth                whether every route but the health checks needs a key; {@code false} only on a loopback bind
 * @param token               a static bearer token accepted besides API keys ({@code server.token}); never logged
 * @param maxRequestBytes     the largest request body accepted (413 above it)
 * @param allowedOrigins      browser origins allowed besides loopback ones, exactly as sent
 * @param corsOrigins         origins that get CORS headers; empty: CORS off
 * @param requestTimeout      the longest a request may take before the server gives up on it (streams included)
 * @param shutdownGrace       how long a stop lets requests in flight finish before cancelling them
 * @param maxConcurrentPerKey requests one caller may have in flight at once (429 above it)
 * @param mcp                 whether MCP is served at {@code /mcp}
 * @param allowedHosts        {@code Host} names accepted besides loopback and the bound address (a reverse proxy's public name)
 */
public record ServerOptions(String host, int port, boolean auth, @Nullable String token, int maxRequestBytes,
                            List<String> allowedOrigins, List<String> corsOrigins, Duration requestTimeout,
                            Duration shutdownGrace, int maxConcurrentPerKey, boolean mcp, List<String> allowedHosts) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONCURRENT_PER_KEY = 64;

    public ServerOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (maxRequestBytes <= 0) throw new IllegalArgumentException("maxRequestBytes must be positive, was " + maxRequestBytes);
        if (maxConcurrentPerKey <= 0) throw new IllegalArgumentException("maxConcurrentPerKey must be positive, was " + maxConcurrentPerKey);
        if (token != null && token.isBlank()) token = null;
        allowedOrigins = List.copyOf(allowedOrigins);
        corsOrigins = List.copyOf(corsOrigins);
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** Loopback, the default port, keys required, MCP on. */
    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, true, null, DEFAULT_MAX_REQUEST_BYTES, List.of(), List.of(),
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_SHUTDOWN_GRACE, DEFAULT_MAX_CONCURRENT_PER_KEY, true, List.of());
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, auth, token, maxRequestBytes, allowedOrigins, corsOrigins, requestTimeout,
                shutdownGrace, maxConcurrentPerKey, mcp, allowedHosts);
    }

    public ServerOptions withAuth(boolean newAuth) {
        return new ServerOptions(host, port, newAuth, token, maxRequestBytes, allowedOrigins, corsOrigins, requestTimeout,
                shutdownGrace, maxConcurrentPerKey, mcp, allowedHosts);
    }

    public ServerOptions withToken(@Nullable String newToken) {
        return new ServerOptions(host, port, auth, newToken, maxRequestBytes, allowedOrigins, corsOrigins, requestTimeout,
                shutdownGrace, maxConcurrentPerKey, mcp, allowedHosts);
    }

    public ServerOptions withShutdownGrace(Duration grace) {
        return new ServerOptions(host, port, auth, token, maxRequestBytes, allowedOrigins, corsOrigins, requestTimeout,
                grace, maxConcurrentPerKey, mcp, allowedHosts);
    }

    public ServerOptions withMaxRequestBytes(int bytes) {
        return new ServerOptions(host, port, auth, token, bytes, allowedOrigins, corsOrigins, requestTimeout,
                shutdownGrace, maxConcurrentPerKey, mcp, allowedHosts);
    }

    public ServerOptions withMaxConcurrentPerKey(int limit) {
        return new ServerOptions(host, port, auth, token, maxRequestBytes, allowedOrigins, corsOrigins, requestTimeout,
                shutdownGrace, limit, mcp, allowedHosts);
    }

    public ServerOptions withCorsOrigins(List<String> origins) {
        return new ServerOptions(host, port, auth, token, maxRequestBytes, allowedOrigins, origins, requestTimeout,
                shutdownGrace, maxConcurrentPerKey, mcp, allowedHosts);
    }

    public ServerOptions withAllowedHosts(List<String> hosts) {
        return new ServerOptions(host, port, auth, token, maxRequestBytes, allowedOrigins, corsOrigins, requestTimeout,
                shutdownGrace, maxConcurrentPerKey, mcp, hosts);
    }

    public ServerOptions withRequestTimeout(Duration timeout) {
        return new ServerOptions(host, port, auth, token, maxRequestBytes, allowedOrigins, corsOrigins, timeout,
                shutdownGrace, maxConcurrentPerKey, mcp, allowedHosts);
    }

    public ServerOptions withMcp(boolean serveMcp) {
        return new ServerOptions(host, port, auth, token, maxRequestBytes, allowedOrigins, corsOrigins, requestTimeout,
                shutdownGrace, maxConcurrentPerKey, serveMcp, allowedHosts);
    }

    @Override
    public String toString() {
        // the token is a secret: never in a log line or an error message
        return "ServerOptions[host=" + host + ", port=" + port + ", auth=" + auth + ", token=" + (token == null ? "none" : "set")
                + ", maxRequestBytes=" + maxRequestBytes + ", allowedOrigins=" + allowedOrigins + ", corsOrigins="
                + corsOrigins + ", requestTimeout=" + requestTimeout + ", shutdownGrace=" + shutdownGrace
                + ", maxConcurrentPerKey=" + maxConcurrentPerKey + ", mcp=" + mcp + ", allowedHosts=" + allowedHosts + "]";
    }
}
