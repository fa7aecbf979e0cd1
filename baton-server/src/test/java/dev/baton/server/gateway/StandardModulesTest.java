package dev.baton.server.gateway;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerModules;
import dev.baton.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code baton serve} mounts includes the gateway. */
class StandardModulesTest {

    @TempDir
    Path dir;

    @Test
    void given_the_standard_modules_then_the_gateway_answers_its_routes() throws Exception {
        Files.createDirectories(dir.resolve("project/.baton"));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        try (Baton baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build()) {
            BatonServer.Builder builder = BatonServer.builder(baton, ServerOptions.defaults().withPort(0).withAuth(false));
            ServerModules.standard(baton).forEach(builder::module);
            try (BatonServer server = builder.start()) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/models")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"offline\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertThat(models.statusCode()).isEqualTo(200);
                assertThat(models.body()).contains("\"id\":\"offline\"");
                assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
                assertThat(chat.headers().firstValue("x-baton-model")).contains("offline");
            }
        }
    }
}
