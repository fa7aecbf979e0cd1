package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton ask --tools}: the scripted model calls {@code read_file} on a temporary workspace
 * and answers from the result, through the tool loop, permissions and audit.
 */
class AskToolsTest {

    private static final String CONFIG = """
            providers:
              canned:
                kind: scripted
                options:
                  script:
                    rules:
                      # before the tool_results rules: this prompt asks for the tool in every round
                      - match: "(?i)keep reading"
                        reply:
                          tool_calls:
                            - {name: read_file, arguments: {path: notes.txt}}
                      - match: "(?m)^write_file: error: "
                        match_on: tool_results
                        reply: {text: "I could not write: {{tool_result:write_file}}"}
                      - match: "."
                        match_on: tool_results
                        reply: {text: "The note says: {{tool_result:read_file}}"}
                      - match: "(?i)what does the note say"
                        reply:
                          tool_calls:
                            - {name: read_file, arguments: {path: notes.txt}}
                      - match: "(?i)save a note"
                        reply:
                          tool_calls:
                            - {name: write_file, arguments: {path: saved.txt, content: "x"}}
            profiles:
              default: {provider: canned, model: reader}
            """;

    @TempDir
    Path tmp;

    private CliHarness project() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Path baton = Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(baton.resolve("config.yaml"), CONFIG);
        Files.writeString(cli.workDir().resolve("notes.txt"), "buy more coffee\n");
        return cli;
    }

    @Test
    void given_read_file_when_asking_then_the_model_answers_from_the_file_and_the_call_shows_on_stderr() throws Exception {
        CliHarness cli = project();

        var r = cli.run("ask", "--tools", "read_file,list_*", "What does the note say?");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("The note says:").contains("buy more coffee");
        assertThat(r.err()).contains("baton: tool read_file ...").containsPattern("tool read_file \\{.*notes.txt.*} -> ok \\(");
    }

    @Test
    void json_output_carries_the_rounds_and_every_call_the_loop_ran() throws Exception {
        CliHarness cli = project();

        var r = cli.run("ask", "--tools", "read_file", "-o", "json", "What does the note say?");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("text").asString()).contains("buy more coffee");
        assertThat(doc.path("tool_rounds").asInt()).isEqualTo(1);
        JsonNode call = doc.path("tool_calls_run").path(0);
        assertThat(call.path("tool").asString()).isEqualTo("read_file");
        assertThat(call.path("arguments").path("path").asString()).isEqualTo("notes.txt");
        assertThat(call.path("outcome").asString()).isEqualTo("ok");
        assertThat(call.path("decided_by").asString()).isEqualTo("policy");
        assertThat(call.path("output_bytes").asLong()).isPositive();
    }

    @Test
    void without_tools_the_json_has_no_tool_loop_fields() throws Exception {
        var r = project().run("ask", "-o", "json", "hello");

        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.has("tool_rounds")).isFalse();
        assertThat(doc.has("tool_calls_run")).isFalse();
    }

    @Test
    void a_non_interactive_write_is_denied_the_model_is_told_and_the_denial_is_audited() throws Exception {
        CliHarness cli = project();

        var r = cli.run("ask", "--tools", "write_file", "-o", "json", "Save a note");
        JsonNode audit = Json.MAPPER.readTree(cli.run("audit", "list", "--tool", "write_file", "-o", "json").out())
                .path("entries");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("text").asString()).startsWith("I could not write:").contains("needs approval");
        assertThat(doc.path("tool_calls_run").path(0).path("outcome").asString()).isEqualTo("denied");
        assertThat(doc.path("tool_calls_run").path(0).path("decided_by").asString()).isEqualTo("non-interactive");
        assertThat(Files.exists(cli.workDir().resolve("saved.txt"))).isFalse();
        assertThat(audit).hasSize(1);
        assertThat(audit.path(0).path("agent").asString()).isEqualTo(AskTools.AGENT);
        assertThat(audit.path(0).path("decision").asString()).isEqualTo("denied");
    }

    @Test
    void on_a_terminal_the_user_approves_the_write_and_it_runs() throws Exception {
        CliHarness cli = project();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path home = tmp.resolve("home");
        CliEnvironment terminal = new CliEnvironment(cli.workDir(), Map.of("HOME", home.toString(),
                "BATON_CONFIG_HOME", home.resolve(".config/baton").toString(),
                "BATON_DATA_HOME", home.resolve(".local/share/baton").toString()),
                new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)), true, false, CliEnvironment::defaultBaton);

        int exit = Main.run(terminal, new PrintWriter(out, true), new PrintWriter(err, true),
                "ask", "--tools", "write_file", "Save a note");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("Tool call for agent 'ask': write_file (write)").contains("-> ok");
        assertThat(Files.readString(cli.workDir().resolve("saved.txt"))).isEqualTo("x");
    }

    @Test
    void a_model_that_keeps_calling_tools_stops_at_max_tool_rounds() throws Exception {
        var r = project().run("ask", "--tools", "read_file", "--max-tool-rounds", "2", "Keep reading");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("after 2 tool rounds").contains("max_tool_rounds");
    }

    @Test
    void unknown_tool_names_and_bad_round_limits_are_usage_errors_naming_the_option() throws Exception {
        CliHarness cli = project();

        var unknown = cli.run("ask", "--tools", "read_fil", "hi");
        var nothing = cli.run("ask", "--tools", "zz_*", "hi");
        var zero = cli.run("ask", "--tools", "read_file", "--max-tool-rounds", "0", "hi");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--tools").contains("unknown tool 'read_fil'").contains("did you mean 'read_file'");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("--tools: no tool matches zz_*");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--max-tool-rounds");
    }
}
