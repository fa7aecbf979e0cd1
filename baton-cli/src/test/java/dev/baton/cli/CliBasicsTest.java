package dev.baton.cli;

import dev.baton.provider.openai.OpenAiDialect;
import dev.baton.testing.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CliBasicsTest {

    private static final String KEY = "sk-cli-test-SECRET-9f8e7d6c5b4a";

    @TempDir
    Path tmp;

    @Test
    void version_prints_and_exits_zero() {
        var r = new CliHarness(tmp).run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("baton ");
    }

    @Test
    void unknown_option_is_a_usage_error() {
        var r = new CliHarness(tmp).run("ask", "--no-such-flag", "hi");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-flag");
    }

    @Test
    void init_creates_files_once_and_never_overwrites() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        var first = cli.run("init");
        assertThat(first.exit()).isZero();
        Path config = cli.workDir().resolve(".baton/config.yaml");
        assertThat(config).exists();
        Files.writeString(config, "# mine\n");

        var second = cli.run("init");

        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("0 file(s) created");
        assertThat(Files.readString(config)).isEqualTo("# mine\n");
    }

    @Test
    void a_bad_config_is_exit_2_with_file_and_line() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(cli.workDir().resolve(".baton/config.yaml"), "profiles:\n  x:\n    provider: openai\n    modle: y\n");

        var r = cli.run("profiles", "list");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("config.yaml:4").contains("modle");
    }

    @Test
    void ask_json_against_a_loopback_openai_server_never_shows_the_key() {
        try (LoopbackServer server = new LoopbackServer()) {
            server.enqueue(new OpenAiDialect().text("hello from loopback", 3, 4));
            CliHarness cli = new CliHarness(tmp).env("OPENAI_API_KEY", KEY)
                    .env("OPENAI_BASE_URL", server.baseUri() + "/v1").env("BATON_LOG_LEVEL", "DEBUG");

            var r = cli.run("ask", "-m", "openai/gpt-4o-mini", "-o", "json", "hi");

            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode json = Json.MAPPER.readTree(r.out());
            assertThat(json.path("text").asString()).isEqualTo("hello from loopback");
            assertThat(json.path("usage").path("output_tokens").asInt()).isEqualTo(4);
            assertThat(r.out()).doesNotContain(KEY).doesNotContain("9f8e7d6c5b4a");
            assertThat(r.err()).doesNotContain(KEY);
            assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + KEY);
        }
    }

    @Test
    void a_provider_error_is_exit_1_without_the_key() {
        try (LoopbackServer server = new LoopbackServer()) {
            server.enqueue(new OpenAiDialect().error(401, "invalid_api_key", "Incorrect API key provided: " + KEY));
            CliHarness cli = new CliHarness(tmp).env("OPENAI_API_KEY", KEY).env("OPENAI_BASE_URL", server.baseUri() + "/v1");

            var r = cli.run("ask", "-m", "openai/gpt-4o-mini", "-o", "json", "hi");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("AUTHENTICATION").doesNotContain(KEY);
            JsonNode error = Json.MAPPER.readTree(r.out()).path("error");
            assertThat(error.path("code").asString()).isEqualTo("AUTHENTICATION");
            assertThat(error.path("exit_code").asInt()).isEqualTo(1);
            assertThat(error.path("context").path("provider").asString()).isEqualTo("openai");
            assertThat(r.out()).doesNotContain(KEY);
        }
    }

    @Test
    void profiles_and_providers_json_never_show_keys() {
        CliHarness cli = new CliHarness(tmp).env("OPENAI_API_KEY", KEY).env("OPENAI_BASE_URL", "http://127.0.0.1:1/v1");
        for (List<String> args : List.of(List.of("profiles", "list", "-o", "json"),
                List.of("profiles", "show", "default", "-o", "json"),
                List.of("providers", "status", "-o", "json", "--timeout", "0.5"))) {
            var r = cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(args + ": " + r.err()).isZero();
            assertThat(r.out() + r.err()).as(args.toString()).doesNotContain(KEY).doesNotContain("9f8e7d6c5b4a");
            assertThat(r.out()).contains("****5b4a");
        }
    }

    @Test
    void auth_add_list_remove_round_trip_shows_only_last_four() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.runWithStdin(KEY + "\n", "auth", "add", "openai").exit()).isZero();

        var list = cli.run("auth", "list", "-o", "json");

        assertThat(list.out()).contains("****5b4a").doesNotContain(KEY);
        assertThat(cli.run("profiles", "show", "openai/gpt-4o", "-o", "json").out()).contains("****5b4a");
        assertThat(cli.run("auth", "remove", "openai").exit()).isZero();
        assertThat(cli.run("auth", "remove", "openai").exit()).isEqualTo(2);
    }

    @Test
    void ask_offline_prints_a_labelled_reply_and_names_the_profile_on_stderr() {
        var r = new CliHarness(tmp).run("ask", "hello");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("offline scripted reply").contains("hello");
        assertThat(r.err()).contains("profile default -> scripted/offline");
    }

    @Test
    void ask_reads_the_prompt_from_stdin_and_honours_a_json_schema() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Path schema = cli.workDir().resolve("p.json");
        Files.writeString(schema, "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":3}},\"required\":[\"n\"]}");

        var r = cli.runWithStdin("a number please", "ask", "--json-schema", schema.toString(), "-");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("n").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_missing_schema_file_is_a_usage_error() {
        var r = new CliHarness(tmp).run("ask", "--json-schema", "nope.json", "hi");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nope.json");
    }
}
