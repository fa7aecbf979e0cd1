package dev.baton.mcp.internal.oauth;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The redirect URI of the authorization code grant, served on the loopback interface (RFC 8252
 * §7.3) while one authorization is under way: a browser that the user sent to the authorization
 * endpoint comes back here with the code. An authorization server that needs no user redirects
 * at once, and Baton reads the code from that redirect without this listener being reached.
 */
final class LoopbackRedirect implements AutoCloseable {

    private final HttpServer server;
    private final URI uri;
    private final CompletableFuture<URI> callback = new CompletableFuture<>();

    private LoopbackRedirect(HttpServer server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /** Listens at {@code configured} (a loopback http URI), or on a free port at {@code /callback} when null. */
    static LoopbackRedirect open(@Nullable URI configured, int lastPort) throws OAuthException {
        String path = configured == null || configured.getPath() == null || configured.getPath().isEmpty()
                ? "/callback" : configured.getPath();
        int port = configured != null && configured.getPort() > 0 ? configured.getPort() : lastPort;
        HttpServer server;
        try {
            server = bind(port);
        } catch (IOException e) {
            if (configured != null && configured.getPort() > 0) {
                throw new OAuthException("cannot listen at the redirect URI " + configured + ": " + e.getMessage(), e);
            }
            try {
                server = bind(0);
            } catch (IOException again) {
                throw new OAuthException("cannot listen on the loopback interface for the redirect: " + again.getMessage(), again);
            }
        }
        String host = configured != null && configured.getHost() != null ? configured.getHost() : "127.0.0.1";
        URI uri = URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
        LoopbackRedirect r = new LoopbackRedirect(server, uri);
        server.createContext(path, exchange -> {
            URI full = uri.resolve(exchange.getRequestURI());
            byte[] page = "Baton is authorized. You can close this window.".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
            r.callback.complete(full);
        });
        server.start();
        return r;
    }

    private static HttpServer bind(int port) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    }

    URI uri() {
        return uri;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Completes with the full URI the browser was redirected to. */
    CompletableFuture<URI> callback() {
        return callback;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
