package dev.baton.server.internal;

import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Exchange;
import dev.baton.server.Guard;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Before authentication: a {@code Host} naming this server or an allowed host (403 otherwise: DNS rebinding), an
 * {@code Origin}, when a browser sends one, that is loopback, this server, allowed or a CORS
 * origin (403); CORS headers for the configured CORS origins, and their preflight answered here
 * (preflights carry no key); a declared body over the size limit (413); an undeclared one is cut at the limit.
 */
public final class HostGuard implements Guard {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> hosts;
    private final List<String> allowedOrigins;
    private final List<String> corsOrigins;
    private final long maxRequestBytes;

    /**
     * @param bindHost        the address bound; a wildcard lets any {@code Host} through
     * @param maxRequestBytes a body declared larger is refused with 413 before it is read
     */
    public HostGuard(String bindHost, List<String> allowedHosts, List<String> allowedOrigins, List<String> corsOrigins,
                     long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
        String bind = bindHost.toLowerCase(Locale.ROOT);
        boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
        Set<String> h = new HashSet<>(LOOPBACK);
        h.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
        for (String a : allowedHosts) h.add(a.toLowerCase(Locale.ROOT));
        this.hosts = wildcard ? Set.of() : Set.copyOf(h);
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    @Override
    public void around(Exchange exchange, Next next) throws IOException {
        String host = exchange.header("Host");
        if (!hosts.isEmpty() && (host == null || !hosts.contains(hostName(host)))) {
            ApiErrors.write(exchange, ErrorCode.PERMISSION_DENIED, "Host '" + host + "' is not this server (DNS rebinding protection)");
            return;
        }
        String origin = exchange.header("Origin");
        if (origin != null) {
            boolean cors = corsOrigins.contains(origin) || corsOrigins.contains("*");
            if (!cors && !originAllowed(origin)) {
                ApiErrors.write(exchange, ErrorCode.PERMISSION_DENIED, "Origin '" + origin + "' is not allowed; add it to "
                        + "server.cors_origins to let browsers on it call this server");
                return;
            }
            if (cors) {
                exchange.header("Access-Control-Allow-Origin", origin);
                exchange.header("Vary", "Origin");
                exchange.header("Access-Control-Expose-Headers",
                        "x-baton-model, x-baton-fallbacks, x-baton-overhead-ms, Retry-After, Location");
                if ("OPTIONS".equals(exchange.method()) && exchange.header("Access-Control-Request-Method") != null) {
                    exchange.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
                    exchange.header("Access-Control-Allow-Headers",
                            "Authorization, Content-Type, Idempotency-Key, Last-Event-ID, x-api-key, anthropic-version");
                    exchange.header("Access-Control-Max-Age", "600");
                    exchange.status(204);
                    return;
                }
            }
        }
        long length = exchange.contentLength();
        if (length > maxRequestBytes) {
            exchange.status(413);
            exchange.contentType("application/json");
            exchange.output().write(("{\"error\":{\"code\":\"INVALID_REQUEST\",\"message\":\"request body of "
                    + length + " bytes is over the limit of " + maxRequestBytes
                    + " (server.max_request_bytes)\",\"context\":{},\"suggestion\":null}}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        exchange.limitBody(maxRequestBytes);
        next.proceed(exchange);
    }

    private boolean originAllowed(String origin) {
        if (allowedOrigins.contains(origin)) return true;
        try {
            String h = URI.create(origin).getHost();
            if (h == null) return false;
            String name = h.toLowerCase(Locale.ROOT);
            return LOOPBACK.contains(name) || hosts.contains(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
