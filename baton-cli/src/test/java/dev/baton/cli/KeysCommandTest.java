package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.llm.ChatRequest;
import dev.baton.pipeline.CallMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton keys create|list|revoke} and {@code baton stats --by api_key}. */
class KeysCommandTest {

    @TempDir
    Path tmp;

    @Test
    void create_prints_the_secret_once_on_stdout_with_a_warning_on_stderr_and_list_never_shows_it() throws Exception {
        CliHarness cli = new CliHarness(tmp);

        var created = cli.run("keys", "create", "--name", "ci", "--budget-usd", "5", "--period", "week", "--rpm", "60",
                "--tpm", "20000", "--profiles", "offline,default");
        var table = cli.run("keys", "list");
        var json = cli.run("keys", "list", "-o", "json");

        assertThat(created.exit()).as(created.err()).isZero();
        String secret = created.out().strip();
        assertThat(secret).startsWith("bk_").hasSize(46).doesNotContain("\n");
        assertThat(created.err()).contains("will not be shown again").contains("(ci)").doesNotContain(secret);
        assertThat(table.out()).contains("ci", "5", "week", "60", "20000", "offline,default").doesNotContain(secret);
        JsonNode key = Json.MAPPER.readTree(json.out()).path(0);
        assertThat(key.path("name").asString()).isEqualTo("ci");
        assertThat(key.path("id").asString()).matches("k_[0-9a-f]{16}");
        assertThat(key.path("budget_usd").decimalValue()).isEqualByComparingTo("5");
        assertThat(key.path("period").asString()).isEqualTo("week");
        assertThat(key.path("rpm").asInt()).isEqualTo(60);
        assertThat(key.path("profiles").toString()).isEqualTo("[\"offline\",\"default\"]");
        assertThat(json.out()).doesNotContain(secret).doesNotContain(secret.substring(3));
        JsonNode budget = Json.MAPPER.readTree(cli.run("budgets", "list", "-o", "json").out()).path(0);
        assertThat(budget.path("scope").asString()).isEqualTo("api_key");
        assertThat(budget.path("key").asString()).isEqualTo(key.path("id").asString());
        assertThat(budget.path("period").asString()).isEqualTo("week");
        assertThat(budget.path("limit_usd").decimalValue()).isEqualByComparingTo("5");
    }

    @Test
    void create_with_json_output_prints_one_document_with_the_secret() throws Exception {
        CliHarness cli = new CliHarness(tmp);

        var created = cli.run("keys", "create", "--name", "web", "-o", "json");

        JsonNode doc = Json.MAPPER.readTree(created.out());
        assertThat(doc.path("secret").asString()).startsWith("bk_");
        assertThat(doc.path("name").asString()).isEqualTo("web");
        assertThat(doc.path("budget_usd").isNull()).isTrue();
        assertThat(created.err()).contains("will not be shown again");
    }

    @Test
    void revoke_by_name_or_id_removes_the_key_from_the_list() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        cli.run("keys", "create", "--name", "ci");
        cli.run("keys", "create", "--name", "web");
        String webId = Json.MAPPER.readTree(cli.run("keys", "list", "-o", "json").out()).path(1).path("id").asString();

        var byName = cli.run("keys", "revoke", "ci");
        var byId = cli.run("keys", "revoke", webId);
        var again = cli.run("keys", "revoke", "ci");

        assertThat(byName.exit()).isZero();
        assertThat(byName.out()).contains("revoked").contains("(ci)");
        assertThat(byId.out()).contains(webId);
        assertThat(cli.run("keys", "list").out()).contains("no API keys");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("'ci'");
    }

    @Test
    void bad_arguments_name_the_argument_and_exit_2() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("keys", "create", "--name", "ci").exit()).isZero();

        assertUsage(cli.run("keys", "create"), "--name");
        assertUsage(cli.run("keys", "create", "--name", "ci"), "--name");
        assertUsage(cli.run("keys", "create", "--name", "has space"), "--name");
        assertUsage(cli.run("keys", "create", "--name", "x", "--budget-usd", "lots"), "--budget-usd");
        assertUsage(cli.run("keys", "create", "--name", "x", "--budget-usd", "-1"), "--budget-usd");
        assertUsage(cli.run("keys", "create", "--name", "x", "--budget-usd", "1", "--period", "year"), "--period");
        assertUsage(cli.run("keys", "create", "--name", "x", "--period", "day"), "--period");
        assertUsage(cli.run("keys", "create", "--name", "x", "--rpm", "0"), "--rpm");
        assertUsage(cli.run("keys", "create", "--name", "x", "--tpm", "many"), "--tpm");
        assertUsage(cli.run("keys", "create", "--name", "x", "--profiles", "nope"), "--profiles");
        assertThat(cli.run("keys", "list", "-o", "json").out()).doesNotContain("\"x\"");
    }

    private static void assertUsage(CliHarness.Result r, String argument) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(argument);
        assertThat(r.out()).doesNotContain("bk_");
    }

    @Test
    void stats_by_api_key_groups_calls_by_the_key_that_made_them() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        String id = Json.MAPPER.readTree(cli.run("keys", "create", "--name", "ci", "-o", "json").out()).path("id").asString();
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString(), "OLLAMA_HOST", "127.0.0.1:1");
        try (Baton baton = Baton.builder(BatonPaths.discover(cli.workDir(), env), env).build()) {
            var model = baton.model("offline");
            model.chat(ChatRequest.builder().user("one").metadata(CallMetadata.API_KEY, id).build());
            model.chat(ChatRequest.builder().user("two").metadata(CallMetadata.API_KEY, id).build());
            model.chat(ChatRequest.of("no key"));
        }
        assertThat(Files.exists(tmp.resolve("home/.local/share/baton/baton.db"))).isTrue();

        var json = cli.run("stats", "--by", "api_key", "-o", "json");
        var table = cli.run("stats", "--by", "api_key");

        JsonNode doc = Json.MAPPER.readTree(json.out());
        assertThat(doc.path("by").asString()).isEqualTo("api_key");
        Map<String, Long> calls = new java.util.TreeMap<>();
        for (JsonNode row : doc.path("rows")) calls.put(row.path("key").asString(), row.path("calls").asLong());
        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("-", 1L, id, 2L));
        assertThat(table.out()).contains("API_KEY").contains(id + " (ci)");
    }
}
