package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.keys.KeySpec;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerModules;
import dev.baton.server.ServerOptions;
import dev.baton.usage.BudgetPeriod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/keys}: list, create (secret once), revoke — for callers no limit binds. */
class KeysApiTest {

    @TempDir
    Path dir;
    Baton baton;
    BatonServer server;
    String admin;
    String limited;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("project/.baton"));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).database(dir.resolve("baton.db")).build();
        admin = baton.apiKeys().create(KeySpec.named("admin")).secret().reveal();
        limited = baton.apiKeys().create(new KeySpec("limited", new BigDecimal("5"), BudgetPeriod.DAY, null, null, List.of()))
                .secret().reveal();
        BatonServer.Builder b = BatonServer.builder(baton, ServerOptions.defaults().withPort(0).withMcp(false)).accessLog(null)
                .module(new RestApi());
        ServerModules.authenticator(baton).ifPresent(b::authenticator);
        server = b.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        baton.close();
    }

    HttpResponse<String> send(String key, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r) {
        return baton.json().readTree(r.body());
    }

    @Test
    void given_an_unlimited_key_when_it_creates_a_key_then_the_secret_is_shown_once_and_works_until_revoked() throws Exception {
        HttpResponse<String> created = send(admin, "POST", "/api/v1/keys", "{\"name\":\"ci\",\"budget_usd\":2.5,\"period\":\"week\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode key = json(created);
        String secret = key.path("secret").asString();
        assertThat(secret).startsWith("bk_");
        assertThat(key.path("budget_usd").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(key.path("period").asString()).isEqualTo("week");
        assertThat(send(secret, "GET", "/api/v1/profiles", null).statusCode()).isEqualTo(200);
        HttpResponse<String> list = send(admin, "GET", "/api/v1/keys", null);
        assertThat(list.body()).contains("\"ci\"").doesNotContain(secret);

        HttpResponse<String> revoked = send(admin, "POST", "/api/v1/keys/" + key.path("id").asString() + "/revoke", null);

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).path("revoked_at").asString()).isNotBlank();
        assertThat(send(secret, "GET", "/api/v1/profiles", null).statusCode()).isEqualTo(401);
        assertThat(send(admin, "GET", "/api/v1/keys", null).body()).doesNotContain("\"ci\"");
    }

    @Test
    void given_a_key_with_a_budget_when_it_manages_keys_then_it_is_refused() throws Exception {
        HttpResponse<String> list = send(limited, "GET", "/api/v1/keys", null);
        HttpResponse<String> create = send(limited, "POST", "/api/v1/keys", "{\"name\":\"wider\"}");

        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(json(create).path("error").path("code").asString()).isEqualTo("PERMISSION_DENIED");
        assertThat(baton.apiKeys().list()).extracting(k -> k.name()).doesNotContain("wider");
    }

    @Test
    void given_bad_fields_when_creating_then_the_error_names_the_field() throws Exception {
        HttpResponse<String> badName = send(admin, "POST", "/api/v1/keys", "{\"name\":\"no spaces\"}");
        HttpResponse<String> badPeriod = send(admin, "POST", "/api/v1/keys", "{\"name\":\"x\",\"budget_usd\":1,\"period\":\"hour\"}");
        HttpResponse<String> unknownField = send(admin, "POST", "/api/v1/keys", "{\"name\":\"x\",\"admin\":true}");
        HttpResponse<String> notAnId = send(admin, "POST", "/api/v1/keys/admin/revoke", null);

        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(json(badName).path("error").path("message").asString()).contains("'name'");
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(json(badPeriod).path("error").path("message").asString()).contains("'period'");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(baton.apiKeys().list()).extracting(k -> k.name()).containsExactly("admin", "limited");
    }
}
