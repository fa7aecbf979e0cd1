package dev.baton.server;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's frame: health, authentication, the access log, the limits, CORS and a graceful stop. */
class BatonServerTest {

    private static final String KEY = "bk_test_0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private Baton baton;
    private BatonServer server;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private volatile boolean slowInterrupted;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void open() throws IOException {
        Files.createDirectories(dir.resolve("project/.baton"));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private void start(ServerOptions options) throws Exception {
        Authenticator keys = presented -> presented.equals(KEY)
                ? Optional.of(new Caller("k1", "test-key", Set.of())) : Optional.empty();
        server = BatonServer.builder(baton, options.withPort(0)).authenticator(keys).accessLog(log::add)
                .module(new ServerModule() {
                    @Override
                    public String name() {
                        return "test";
                    }

                    @Override
                    public void mount(ServerContext context) {
                        context.servlet("/echo/*", new HttpServlet() {
                            @Override
                            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                                Routes.name(req, "/echo/{x}");
                                res.setContentType("text/plain");
                                res.getWriter().write("caller=" + Caller.of(req).keyId());
                            }

                            @Override
                            protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                                res.getWriter().write("read " + req.getInputStream().readAllBytes().length);
                            }
                        });
                        context.servlet("/slow", new HttpServlet() {
                            @Override
                            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                                slowStarted.countDown();
                                try {
                                    Thread.sleep(700);
                                } catch (InterruptedException e) {
                                    slowInterrupted = true;
                                    Thread.currentThread().interrupt();
                                }
                                res.getWriter().write("finished");
                            }
                        });
                    }
                }).start();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answers_do_not_name_the_server_software_or_its_version() throws Exception {
        start(ServerOptions.defaults());

        HttpResponse<String> health = get("/healthz");
        HttpResponse<String> refused = get("/echo/a");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Server")).isEmpty();
        assertThat(refused.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void health_is_public_and_every_other_route_needs_a_key() throws Exception {
        start(ServerOptions.defaults());

        HttpResponse<String> health = get("/healthz");
        HttpResponse<String> ready = get("/readyz");
        HttpResponse<String> none = get("/echo/a");
        HttpResponse<String> wrong = get("/echo/a", "Authorization", "Bearer bk_wrong");
        HttpResponse<String> bearer = get("/echo/a", "Authorization", "Bearer " + KEY);
        HttpResponse<String> xApiKey = get("/echo/a", "x-api-key", KEY);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"store\":\"ok\"");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"code\":\"AUTHENTICATION\"").contains("baton keys create");
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(bearer.body()).isEqualTo("caller=k1");
        assertThat(xApiKey.body()).isEqualTo("caller=k1");
    }

    @Test
    void the_access_log_has_one_json_line_per_request_with_route_and_key_id_but_never_the_key() throws Exception {
        start(ServerOptions.defaults());

        get("/echo/secret-path?q=prompt-text", "Authorization", "Bearer " + KEY);
        get("/echo/x");
        // the line is written once the filter chain returns, which may be after the client has the (committed) answer
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (log.size() < 2 && System.nanoTime() < deadline) Thread.sleep(10);

        assertThat(log).hasSize(2);
        assertThat(log.get(0)).contains("\"method\":\"GET\"", "\"route\":\"/echo/{x}\"", "\"status\":200", "\"key_id\":\"k1\"",
                "\"duration_ms\":");
        assertThat(log.get(1)).contains("\"status\":401", "\"key_id\":null");
        assertThat(String.join("\n", log)).doesNotContain(KEY).doesNotContain("prompt-text").doesNotContain("secret-path");
        for (String line : log) assertThat(baton.json().readTree(line).isObject()).isTrue();
    }

    @Test
    void a_static_server_token_is_accepted_besides_keys() throws Exception {
        start(ServerOptions.defaults().withToken("static-tok"));

        assertThat(get("/echo/a", "Authorization", "Bearer static-tok").body()).isEqualTo("caller=token");
        assertThat(get("/echo/a", "Authorization", "Bearer other").statusCode()).isEqualTo(401);
    }

    @Test
    void without_auth_every_caller_is_anonymous() throws Exception {
        start(ServerOptions.defaults().withAuth(false));

        assertThat(get("/echo/a").body()).isEqualTo("caller=null");
    }

    @Test
    void a_body_over_the_limit_is_413_and_a_foreign_host_is_403() throws Exception {
        start(ServerOptions.defaults().withMaxRequestBytes(1000));

        HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/echo/a"))
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> small = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/echo/a"))
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(500))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> origin = get("/echo/a", "Authorization", "Bearer " + KEY, "Origin", "https://evil.example");

        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("server.max_request_bytes");
        assertThat(small.body()).isEqualTo("read 500");
        assertThat(origin.statusCode()).isEqualTo(403);
    }

    @Test
    void a_reverse_proxys_public_name_is_accepted_only_when_listed_in_allowed_hosts() throws Exception {
        start(ServerOptions.defaults().withAllowedHosts(List.of("baton.example.com")));

        assertThat(rawStatus("baton.example.com")).isEqualTo(200);
        assertThat(rawStatus("BATON.example.com:443")).isEqualTo(200);
        assertThat(rawStatus("evil.example.com")).isEqualTo(403);
    }

    /** The status of GET /echo/a sent with {@code host} as the Host header (Java's client will not set Host). */
    private int rawStatus(String host) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /echo/a HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + KEY
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void cors_is_off_unless_configured_and_then_preflights_are_answered() throws Exception {
        start(ServerOptions.defaults().withCorsOrigins(List.of("https://app.example")));

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/echo/a"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> call = get("/echo/a", "Authorization", "Bearer " + KEY, "Origin", "https://app.example");

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
    }

    @Test
    void one_key_over_its_concurrency_limit_gets_429() throws Exception {
        start(ServerOptions.defaults().withMaxConcurrentPerKey(1));
        HttpRequest slow = HttpRequest.newBuilder(URI.create(server.url() + "/slow")).header("Authorization", "Bearer " + KEY).build();
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> second = get("/echo/a", "Authorization", "Bearer " + KEY);

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.body()).contains("RATE_LIMITED");
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("finished");
        assertThat(get("/echo/a", "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void a_request_longer_than_the_grace_is_cut_off_and_the_stop_does_not_fail() throws Exception {
        start(ServerOptions.defaults().withShutdownGrace(Duration.ofMillis(100)));
        HttpRequest slow = HttpRequest.newBuilder(URI.create(server.url() + "/slow")).header("Authorization", "Bearer " + KEY).build();
        http.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        server.close(); // must not throw: the grace being over is what a stop is told to do

        assertThat(server.stopping()).isTrue();
    }

    @Test
    void a_request_past_the_request_timeout_is_interrupted_and_answered_504() throws Exception {
        start(ServerOptions.defaults().withRequestTimeout(Duration.ofMillis(200)));

        HttpResponse<String> slow = get("/slow", "Authorization", "Bearer " + KEY);
        HttpResponse<String> quick = get("/echo/a", "Authorization", "Bearer " + KEY);

        assertThat(slow.statusCode()).as(slow.body()).isEqualTo(504);
        assertThat(slow.body()).contains("\"code\":\"TIMEOUT\"").contains("server.request_timeout_seconds");
        assertThat(slowInterrupted).as("the request's thread was interrupted").isTrue();
        assertThat(quick.statusCode()).isEqualTo(200);
    }

    @Test
    void a_stop_lets_a_request_in_flight_finish_and_then_refuses_connections() throws Exception {
        start(ServerOptions.defaults().withShutdownGrace(Duration.ofSeconds(20)));
        HttpRequest slow = HttpRequest.newBuilder(URI.create(server.url() + "/slow")).header("Authorization", "Bearer " + KEY).build();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        int port = server.port();

        server.close();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("finished");
        assertThat(server.stopping()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
                .isInstanceOf(IOException.class);
    }
}
