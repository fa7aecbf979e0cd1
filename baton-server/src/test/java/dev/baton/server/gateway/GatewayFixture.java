package dev.baton.server.gateway;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.server.Authenticator;
import dev.baton.server.BatonServer;
import dev.baton.server.Caller;
import dev.baton.server.ServerOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Baton on a temporary project (the given config and ensembles) serving the gateway on a free
 * loopback port, with two keys: {@link #KEY} (id {@code k1}, every model) and
 * {@link #LIMITED_KEY} (id {@code k2}, profile {@code other} only), and every key of the project's key store.
 */
final class GatewayFixture implements AutoCloseable {

    static final String KEY = "bk_gateway_test_0123456789abcdef";
    static final String LIMITED_KEY = "bk_gateway_limited_0123456789ab";

    final Baton baton;
    final BatonServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private GatewayFixture(Baton baton, BatonServer server) {
        this.baton = baton;
        this.server = server;
    }

    /** Starts Baton with {@code config} as the project's config.yaml and {@code ensembles} (name → YAML). */
    static GatewayFixture start(Path dir, String config, Map<String, String> ensembles) throws Exception {
        return start(dir, config, ensembles, ServerOptions.defaults());
    }

    /** {@link #start(Path, String, Map)} with the server's {@code options} (its port is always a free one). */
    static GatewayFixture start(Path dir, String config, Map<String, String> ensembles, ServerOptions options) throws Exception {
        return start(dir, config, ensembles, options, line -> { }, false);
    }

    /**
     * {@link #start(Path, String, Map, ServerOptions)} with access log lines going to {@code accessLog};
     * {@code servletRoutes}: the gateway's routes served as servlets instead of on the core handler.
     */
    static GatewayFixture start(Path dir, String config, Map<String, String> ensembles, ServerOptions options,
                                java.util.function.Consumer<String> accessLog, boolean servletRoutes) throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve(".baton/ensembles"));
        Files.writeString(project.resolve(".baton/config.yaml"), config);
        for (Map.Entry<String, String> e : ensembles.entrySet()) {
            Files.writeString(project.resolve(".baton/ensembles/" + e.getKey() + ".yaml"), e.getValue());
        }
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
        Authenticator keys = presented -> switch (presented) {
            case KEY -> Optional.of(new Caller("k1", "test-key", Set.of()));
            case LIMITED_KEY -> Optional.of(new Caller("k2", "limited-key", Set.of("other")));
            default -> Optional.empty();
        };
        try {
            BatonServer.Builder builder = BatonServer.builder(baton, options.withPort(0))
                    .authenticator(keys.or(dev.baton.server.ServerModules.authenticator(baton).orElseThrow()))
                    .module(new GatewayModule()).accessLog(accessLog::accept);
            if (servletRoutes) builder.servletRoutesOnly();
            BatonServer server = builder.start();
            return new GatewayFixture(baton, server);
        } catch (Exception e) {
            baton.close();
            throw e;
        }
    }

    String url() {
        return server.url();
    }

    HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("Authorization", "Bearer " + key);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path));
        if (key != null) b.header("Authorization", "Bearer " + key);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            baton.close();
        }
    }
}
