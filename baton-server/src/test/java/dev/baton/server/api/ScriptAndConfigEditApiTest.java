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
import tools.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code PUT /api/v1/scripts/{name}} and {@code /api/v1/config/source}: checked before saved, by unlimited callers only. */
class ScriptAndConfigEditApiTest {

    private static final String CONFIG = """
            providers:
              rec: {kind: openai, base_url: "http://127.0.0.1:1/v1"}
            profiles:
              fast: {provider: rec, model: m}
            """;

    @TempDir
    Path dir;
    Path project;
    Baton baton;
    BatonServer server;
    String admin;
    String limited;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        project = dir.resolve("project");
        Files.createDirectories(project.resolve(".baton/scripts"));
        Files.writeString(project.resolve(".baton/config.yaml"), CONFIG);
        Path sh = Files.writeString(project.resolve(".baton/scripts/greet.sh"), "#!/bin/bash\necho hello\n");
        Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(project.resolve(".baton/scripts/count.py"), "print(1)\n");
        Files.writeString(project.resolve("README.md"), "# not a script\n");
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(project, env), env).database(dir.resolve("baton.db")).build();
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

    private HttpResponse<String> send(String key, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String field, String text, boolean dryRun) {
        return JsonNodeFactory.instance.objectNode().put(field, text).put("dry_run", dryRun).toString();
    }

    private JsonNode json(HttpResponse<String> r) {
        return baton.json().readTree(r.body());
    }

    private List<Path> leftovers(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void given_a_shell_script_with_a_syntax_error_when_saved_then_the_problem_names_its_line_and_the_file_is_unchanged() throws Exception {
        HttpResponse<String> r = send(admin, "PUT", "/api/v1/scripts/greet.sh", body("content", "#!/bin/bash\nif true; then\n  echo hi\nfi fi\n", false));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = json(r).path("error").path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(4);
        assertThat(problem.path("message").asString()).contains("syntax error");
        assertThat(json(r).path("error").path("code").asString()).isEqualTo("VALIDATION");
        assertThat(Files.readString(project.resolve(".baton/scripts/greet.sh"))).isEqualTo("#!/bin/bash\necho hello\n");
    }

    @Test
    void given_a_python_script_with_a_syntax_error_when_checked_then_the_problem_names_its_line() throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 is installed");

        HttpResponse<String> r = send(admin, "PUT", "/api/v1/scripts/count.py", body("content", "x = 1\ndef f(:\n    pass\n", true));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = json(r).path("error").path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(2);
        assertThat(problem.path("message").asString()).contains("SyntaxError").doesNotContain("baton-script-check");
    }

    @Test
    void given_empty_content_when_checked_then_it_is_refused() throws Exception {
        HttpResponse<String> r = send(admin, "PUT", "/api/v1/scripts/greet.sh", body("content", "  \n", true));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("empty");
    }

    @Test
    void given_a_dry_run_of_valid_content_then_it_is_valid_and_nothing_is_written() throws Exception {
        HttpResponse<String> r = send(admin, "PUT", "/api/v1/scripts/greet.sh", body("content", "#!/bin/bash\necho bye\n", true));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("valid").asBoolean()).isTrue();
        assertThat(json(r).path("written").asBoolean()).isFalse();
        assertThat(Files.readString(project.resolve(".baton/scripts/greet.sh"))).contains("hello");
    }

    @Test
    void given_valid_content_when_saved_then_it_replaces_the_script_keeping_its_permissions_and_leaves_no_temporary_file() throws Exception {
        Path sh = project.resolve(".baton/scripts/greet.sh");

        HttpResponse<String> r = send(admin, "PUT", "/api/v1/scripts/greet.sh", body("content", "#!/bin/bash\necho bye\n", false));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("written").asBoolean()).isTrue();
        assertThat(Files.readString(sh)).isEqualTo("#!/bin/bash\necho bye\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sh))).isEqualTo("rwxr-x---");
        assertThat(leftovers(sh.getParent())).isEmpty();
        assertThat(json(send(admin, "GET", "/api/v1/scripts/greet.sh", null)).path("content").asString()).contains("bye");
    }

    @Test
    void given_a_key_with_a_limit_when_it_changes_a_script_or_the_configuration_then_it_is_refused() throws Exception {
        HttpResponse<String> script = send(limited, "PUT", "/api/v1/scripts/greet.sh", body("content", "#!/bin/bash\necho pwned\n", false));
        HttpResponse<String> config = send(limited, "PUT", "/api/v1/config/source", body("yaml", "{}\n", false));
        HttpResponse<String> read = send(limited, "GET", "/api/v1/config/source", null);

        assertThat(script.statusCode()).isEqualTo(403);
        assertThat(config.statusCode()).isEqualTo(403);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(Files.readString(project.resolve(".baton/scripts/greet.sh"))).contains("hello");
        assertThat(Files.readString(project.resolve(".baton/config.yaml"))).isEqualTo(CONFIG);
    }

    @Test
    void given_a_name_that_is_not_a_script_of_the_catalog_when_saved_then_it_is_not_found_and_nothing_is_written() throws Exception {
        HttpResponse<String> unknown = send(admin, "PUT", "/api/v1/scripts/nope.sh", body("content", "echo\n", false));
        HttpResponse<String> projectFile = send(admin, "PUT", "/api/v1/scripts/README.md", body("content", "echo\n", false));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(projectFile.statusCode()).as(projectFile.body()).isEqualTo(404);
        assertThat(Files.readString(project.resolve("README.md"))).isEqualTo("# not a script\n");
    }

    @Test
    void given_the_project_configuration_when_read_then_its_text_and_file_are_returned() throws Exception {
        HttpResponse<String> r = send(admin, "GET", "/api/v1/config/source", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("yaml").asString()).isEqualTo(CONFIG);
        assertThat(json(r).path("file").asString()).endsWith(".baton/config.yaml");
    }

    @Test
    void given_a_configuration_with_an_unknown_key_when_checked_then_the_problem_names_its_line_and_the_file_is_unchanged() throws Exception {
        HttpResponse<String> r = send(admin, "PUT", "/api/v1/config/source",
                body("yaml", CONFIG.replace("model: m}", "model: m}\n  slow:\n    provider: rec\n    modle: x"), false));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = json(r).path("error").path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(7);
        assertThat(problem.path("message").asString()).contains("modle");
        assertThat(Files.readString(project.resolve(".baton/config.yaml"))).isEqualTo(CONFIG);
    }

    @Test
    void given_a_valid_configuration_then_a_dry_run_writes_nothing_and_a_save_replaces_the_file_and_says_a_restart_applies_it() throws Exception {
        String changed = CONFIG + "  slow: {provider: rec, model: s}\n";
        Path file = project.resolve(".baton/config.yaml");

        HttpResponse<String> dry = send(admin, "PUT", "/api/v1/config/source", body("yaml", changed, true));

        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(json(dry).path("written").asBoolean()).isFalse();
        assertThat(Files.readString(file)).isEqualTo(CONFIG);

        HttpResponse<String> saved = send(admin, "PUT", "/api/v1/config/source", body("yaml", changed, false));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).path("written").asBoolean()).isTrue();
        assertThat(json(saved).path("applies").asString()).contains("restart");
        assertThat(Files.readString(file)).isEqualTo(changed);
        assertThat(leftovers(file.getParent())).isEmpty();
        assertThat(baton.config().profiles()).doesNotContainKey("slow");
    }

    @Test
    void given_a_variable_whose_value_is_refused_when_checked_then_the_problem_does_not_show_the_value() throws Exception {
        String secretish = System.getenv("PATH");
        assumeTrue(secretish != null && secretish.length() >= 4);
        String yaml = CONFIG + "store:\n  kind: \"${PATH}\"\n";

        HttpResponse<String> r = send(admin, "PUT", "/api/v1/config/source", body("yaml", yaml, true));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).doesNotContain(secretish).contains("unknown store kind '${PATH}'");
    }
}
