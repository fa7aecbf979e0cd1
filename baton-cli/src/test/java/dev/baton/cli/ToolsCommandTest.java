package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton tools list}, {@code baton tools call} and {@code baton audit list}, with the test
 * tools {@code echo} (read) and {@code scribble} (write) from {@link TestToolSourceProvider}.
 */
class ToolsCommandTest {

    @TempDir
    Path tmp;

    private EnsembleProject project(String config) {
        return new EnsembleProject(tmp).config(config);
    }

    @Test
    void tools_list_shows_source_category_and_what_the_mode_does_with_a_call() throws IOException {
        EnsembleProject p = project("tools: {mode: manual, deny: [nothing_here]}\n");

        var text = p.run("tools", "list");
        var json = p.run("tools", "list", "-o", "json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("echo\\s+test\\s+read\\s+run").containsPattern("scribble\\s+test\\s+write\\s+ask")
                .contains("mode: manual");
        JsonNode doc = Json.MAPPER.readTree(json.out());
        assertThat(doc.path("mode").asString()).isEqualTo("manual");
        assertThat(doc.path("tools").findValuesAsString("name")).contains("echo", "scribble");
        JsonNode scribble = stream(doc.path("tools")).filter(t -> t.path("name").asString().equals("scribble")).findFirst().orElseThrow();
        assertThat(scribble.path("permission").asString()).isEqualTo("ask");
        assertThat(scribble.path("category").asString()).isEqualTo("write");
        assertThat(scribble.path("source").asString()).isEqualTo("test");
    }

    @Test
    void tools_list_follows_trust_mode_and_deny_patterns() throws IOException {
        EnsembleProject p = project("tools: {mode: trust, allow: [scribble], deny: [ech?]}\n");

        JsonNode doc = Json.MAPPER.readTree(p.run("tools", "list", "-o", "json").out());

        assertThat(doc.path("mode").asString()).isEqualTo("trust");
        assertThat(stream(doc.path("tools")).filter(t -> t.path("name").asString().equals("scribble")).findFirst().orElseThrow()
                .path("permission").asString()).isEqualTo("run");
        assertThat(stream(doc.path("tools")).filter(t -> t.path("name").asString().equals("echo")).findFirst().orElseThrow()
                .path("permission").asString()).isEqualTo("deny");
    }

    @Test
    void tools_call_runs_a_permitted_tool_with_inline_or_file_arguments() throws IOException {
        EnsembleProject p = project("default_profile: offline\n");
        Files.writeString(p.work().resolve("args.json"), "{\"text\": \"from a file\"}");

        var inline = p.run("tools", "call", "echo", "--args", "{\"text\": \"hello\"}");
        var file = p.run("tools", "call", "echo", "--args", "@args.json");

        assertThat(inline.exit()).as(inline.err()).isZero();
        assertThat(inline.out().strip()).isEqualTo("hello");
        assertThat(file.out().strip()).isEqualTo("from a file");
    }

    @Test
    void tools_call_with_schema_invalid_arguments_fails_naming_the_field() {
        EnsembleProject p = project("default_profile: offline\n");

        var r = p.run("tools", "call", "echo", "--args", "{\"text\": 3}");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("invalid_arguments").contains("field 'text'");
    }

    @Test
    void a_non_interactive_tools_call_of_a_write_tool_is_denied_with_the_remedy_and_audited() throws IOException {
        EnsembleProject p = project("default_profile: offline\n");

        var r = p.run("tools", "call", "scribble", "--args", "{\"text\": \"x\"}", "-o", "json");
        var audit = p.run("audit", "list", "--tool", "scribble", "-o", "json");

        assertThat(r.exit()).isEqualTo(1);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("outcome").asString()).isEqualTo("denied");
        assertThat(doc.path("is_error").asBoolean()).isTrue();
        assertThat(doc.path("content").asString()).contains("tools: {mode: trust, allow: [scribble]}");
        assertThat(doc.path("decided_by").asString()).isEqualTo("non-interactive");
        JsonNode entries = Json.MAPPER.readTree(audit.out()).path("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.path(0).path("decision").asString()).isEqualTo("denied");
        assertThat(entries.path(0).path("agent").asString()).isEqualTo("cli");
    }

    @Test
    void trust_mode_lets_tools_call_run_an_allowlisted_write_tool() {
        EnsembleProject p = project("tools: {mode: trust, allow: [scribble]}\n");

        var r = p.run("tools", "call", "scribble", "--args", "{\"text\": \"written\"}");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("written");
    }

    @Test
    void an_unknown_tool_is_a_usage_error_with_a_suggestion() {
        EnsembleProject p = project("default_profile: offline\n");

        var r = p.run("tools", "call", "ecko", "--args", "{}");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown tool 'ecko'").contains("did you mean 'echo'");
    }

    @Test
    void unreadable_argument_files_are_usage_errors() {
        EnsembleProject p = project("default_profile: offline\n");

        var r = p.run("tools", "call", "echo", "--args", "@missing.json");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--args").contains("missing.json");
    }

    @Test
    void on_a_terminal_the_user_approves_always_or_denies() {
        EnsembleProject p = project("default_profile: offline\n");

        var yes = onTerminal(p, "maybe\ny\n", "tools", "call", "scribble", "--args", "{\"text\": \"ok\"}");
        var no = onTerminal(p, "n\n", "tools", "call", "scribble", "--args", "{\"text\": \"ok\"}");
        var eof = onTerminal(p, "", "tools", "call", "scribble", "--args", "{\"text\": \"ok\"}");

        assertThat(yes.exit()).as(yes.err()).isZero();
        assertThat(yes.out().strip()).isEqualTo("ok");
        assertThat(yes.err()).contains("scribble (write)").contains("[a]lways").contains("Please answer y, n or a.");
        assertThat(no.exit()).isEqualTo(1);
        assertThat(no.err()).contains("the user denied");
        assertThat(eof.exit()).isEqualTo(1);
        assertThat(eof.err()).contains("not approved");
    }

    @Test
    void audit_list_filters_by_run_tool_and_window_and_prints_a_table() throws IOException {
        EnsembleProject p = project("tools: {mode: trust, allow: [\"*\"]}\n");
        p.run("tools", "call", "echo", "--args", "{\"text\": \"a\", \"api_key\": \"sk-live-abcdefghijklmnopqrstuvwxyz\"}");
        p.run("tools", "call", "scribble", "--args", "{\"text\": \"b\"}");

        var table = p.run("audit", "list");
        var byTool = Json.MAPPER.readTree(p.run("audit", "list", "--tool", "ech*", "-o", "json").out());
        String run = byTool.path("entries").path(0).path("run_id").asString();
        var byRun = Json.MAPPER.readTree(p.run("audit", "list", "--run", run, "-o", "json").out());
        var recent = Json.MAPPER.readTree(p.run("audit", "list", "--since", "1h", "-o", "json").out());

        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("TOOL").contains("echo").contains("scribble").contains("allowed")
                .doesNotContain("sk-live-abcdefghijklmnopqrstuvwxyz");
        assertThat(byTool.path("entries")).hasSize(1);
        assertThat(byTool.path("entries").path(0).path("arguments").path("api_key").asString()).isEqualTo("[redacted]");
        assertThat(byRun.path("entries")).hasSize(1);
        assertThat(run).startsWith("cli-");
        assertThat(recent.path("entries")).hasSize(2);
        assertThat(p.run("audit", "list", "--since", "soon").exit()).isEqualTo(2);
    }

    private static CliHarness.Result onTerminal(EnsembleProject p, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("HOME", p.work().getParent().resolve("home").toString(),
                "BATON_CONFIG_HOME", p.work().getParent().resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", p.work().getParent().resolve("home/.local/share/baton").toString());
        CliEnvironment e = new CliEnvironment(p.work(), env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                true, false, CliEnvironment::defaultBaton);
        int code = Main.run(e, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
