package dev.baton.mcp.internal.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback protected resource and authorization server in one: resource metadata at the
 * path-based well-known URL, OAuth metadata, registration, an authorization endpoint that
 * redirects at once (or, when {@link #interactive}, shows a page as for a person), and a token
 * endpoint issuing {@code tok-N} with refresh token {@code ref-N}. Records every path asked for,
 * the PKCE challenge, and each token request's form.
 */
final class AuthServerFixture implements AutoCloseable {

    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    volatile String challenge;
    volatile boolean interactive;
    private final AtomicInteger issued = new AtomicInteger();
    private final HttpServer server;
    final String base;

    AuthServerFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
    }

    URI mcp() {
        return URI.create(base + "/mcp");
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        paths.add(x.getRequestMethod() + " " + path);
        Map<String, String> query = Query.parse(x.getRequestURI().getRawQuery());
        switch (path) {
            case "/.well-known/oauth-protected-resource/mcp" ->
                    json(x, 200, "{\"resource\":\"" + base + "/mcp\",\"authorization_servers\":[\"" + base + "\"]}");
            case "/.well-known/oauth-authorization-server" -> json(x, 200, "{\"issuer\":\"" + base + "\","
                    + "\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base + "/token\","
                    + "\"registration_endpoint\":\"" + base + "/register\",\"token_endpoint_auth_methods_supported\":[\"none\"]}");
            case "/register" -> json(x, 201, "{\"client_id\":\"registered-1\"}");
            case "/authorize" -> {
                challenge = query.get("code_challenge");
                if (interactive) {
                    byte[] page = "<html>log in</html>".getBytes(StandardCharsets.UTF_8);
                    x.sendResponseHeaders(200, page.length);
                    try (OutputStream out = x.getResponseBody()) {
                        out.write(page);
                    }
                } else {
                    x.getResponseHeaders().set("Location", query.get("redirect_uri") + "?code=code-1&state="
                            + OAuthHttp.encode(query.get("state")));
                    x.sendResponseHeaders(302, -1);
                    x.close();
                }
            }
            case "/token" -> {
                Map<String, String> form = Query.parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                tokenRequests.add(form);
                if ("authorization_code".equals(form.get("grant_type"))
                        && (challenge == null || !challenge.equals(Pkce.s256(form.getOrDefault("code_verifier", ""))))) {
                    json(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
                    return;
                }
                int n = issued.incrementAndGet();
                json(x, 200, "{\"access_token\":\"tok-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                        + "\"refresh_token\":\"ref-" + n + "\"}");
            }
            default -> json(x, 404, "{\"error\":\"not_found\"}");
        }
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
