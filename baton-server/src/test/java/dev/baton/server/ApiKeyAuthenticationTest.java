package dev.baton.server;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.keys.CreatedKey;
import dev.baton.keys.KeySpec;
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
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton serve}'s authenticator over the API key store, through a real server. */
class ApiKeyAuthenticationTest {

    @TempDir
    Path dir;

    private Baton baton;
    private BatonServer server;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private Baton openBaton() {
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        return Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
    }

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("project/.baton"));
        baton = openBaton();
        BatonServer.Builder b = BatonServer.builder(baton, ServerOptions.defaults().withPort(0)).accessLog(log::add)
                .module(new ServerModule() {
                    @Override
                    public String name() {
                        return "whoami";
                    }

                    @Override
                    public void mount(ServerContext context) {
                        context.servlet("/whoami", new HttpServlet() {
                            @Override
                            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                                Caller c = Caller.of(req);
                                res.getWriter().write(c.keyId() + " " + c.name() + " " + new TreeSet<>(c.profiles())
                                        + " fast=" + c.mayUse("fast") + " slow=" + c.mayUse("slow"));
                            }
                        });
                    }
                });
        ServerModules.authenticator(baton).ifPresent(b::authenticator);
        server = b.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private HttpResponse<String> whoami(String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.url() + "/whoami"));
        if (headers.length > 0) r.headers(headers);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_live_key_is_its_caller_with_its_id_name_and_profiles() throws Exception {
        CreatedKey ci = baton.apiKeys().create(new KeySpec("ci", null, null, null, null, List.of("fast", "cheap")));
        CreatedKey all = baton.apiKeys().create(KeySpec.named("all"));

        HttpResponse<String> bearer = whoami("Authorization", "Bearer " + ci.secret().reveal());
        HttpResponse<String> header = whoami("x-api-key", all.secret().reveal());

        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).isEqualTo(ci.key().id() + " ci [cheap, fast] fast=true slow=false");
        assertThat(header.body()).isEqualTo(all.key().id() + " all [] fast=true slow=true");
        assertThat(log).anyMatch(l -> l.contains("\"key_id\":\"" + ci.key().id() + "\""));
        assertThat(String.join("\n", log)).doesNotContain(ci.secret().reveal()).doesNotContain(all.secret().reveal());
    }

    @Test
    void a_revoked_or_unknown_key_is_401() throws Exception {
        CreatedKey ci = baton.apiKeys().create(KeySpec.named("ci"));
        assertThat(whoami("Authorization", "Bearer " + ci.secret().reveal()).statusCode()).isEqualTo(200);

        baton.apiKeys().revoke("ci");
        HttpResponse<String> revoked = whoami("Authorization", "Bearer " + ci.secret().reveal());
        HttpResponse<String> unknown = whoami("Authorization", "Bearer bk_" + "x".repeat(43));
        HttpResponse<String> none = whoami();

        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("\"code\":\"AUTHENTICATION\"").doesNotContain(ci.secret().reveal());
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(none.statusCode()).isEqualTo(401);
    }

    @Test
    void keys_created_and_revoked_elsewhere_take_effect_in_the_running_server() throws Exception {
        CreatedKey ci;
        // another Baton on the same database: what `baton keys create|revoke` does from another shell
        try (Baton cli = openBaton()) {
            ci = cli.apiKeys().create(KeySpec.named("ci"));
        }
        assertThat(whoami("Authorization", "Bearer " + ci.secret().reveal()).statusCode()).isEqualTo(200);

        try (Baton cli = openBaton()) {
            cli.apiKeys().revoke("ci");
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = whoami("Authorization", "Bearer " + ci.secret().reveal()).statusCode();
        }

        assertThat(status).as("refused once the server rechecks (every 2 s)").isEqualTo(401);
    }
}
