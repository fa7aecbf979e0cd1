package dev.baton.mcp.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every HTTP request passes before the MCP transport sees it, in this order: a {@code Host}
 * naming this server (403 otherwise: DNS rebinding), an {@code Origin}, when a browser sends one,
 * that is loopback, this server or explicitly allowed (403), the bearer token when one is set (401),
 * and a declared body size within the limit (413; the transport also caps bodies that declare none).
 */
public final class RequestGuard implements Filter {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> hosts;
    private final List<String> allowedOrigins;
    private final byte @Nullable [] token;
    private final long maxRequestBytes;

    /**
     * @param bindHost the address the server binds; a wildcard ({@code 0.0.0.0}, {@code ::}) lets any
     *                 {@code Host} through, since the server cannot know its public names
     */
    public RequestGuard(String bindHost, List<String> allowedOrigins, @Nullable String token, long maxRequestBytes) {
        String bind = bindHost.toLowerCase(Locale.ROOT);
        this.hosts = wildcard(bind) ? Set.of() : union(LOOPBACK, bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.maxRequestBytes = maxRequestBytes;
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static Set<String> union(Set<String> a, String b) {
        java.util.HashSet<String> out = new java.util.HashSet<>(a);
        out.add(b);
        return Set.copyOf(out);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String host = request.getHeader("Host");
        if (!hosts.isEmpty() && (host == null || !hosts.contains(hostName(host)))) {
            reject(response, 403, "Host '" + host + "' is not this server (DNS rebinding protection)");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !originAllowed(origin)) {
            reject(response, 403, "Origin '" + origin + "' is not allowed");
            return;
        }
        if (token != null && !authorized(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer");
            reject(response, 401, "a bearer token is required (Authorization: Bearer <server.token>)");
            return;
        }
        if (request.getContentLengthLong() > maxRequestBytes) {
            reject(response, 413, "request body of " + request.getContentLengthLong() + " bytes is over the limit of "
                    + maxRequestBytes);
            return;
        }
        chain.doFilter(req, res);
    }

    private boolean originAllowed(String origin) {
        if (allowedOrigins.contains(origin)) return true;
        try {
            URI uri = URI.create(origin);
            String host = uri.getHost();
            if (host == null) return false;
            String name = host.toLowerCase(Locale.ROOT);
            return LOOPBACK.contains(name) || (!hosts.isEmpty() && hosts.contains(name));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code host[:port]} or {@code [v6][:port]} without the port, lower case. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private boolean authorized(@Nullable String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time: no timing oracle on the token
    }

    private static void reject(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        response.getWriter().write("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"" + escaped + "\"}}");
    }
}
