package dev.baton.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton invoke} of the repository's tool-using example, offline: the scripted tools-demo
 * model reads README.md and searches docs/ with the built-in tools, answers from what they
 * returned, and the calls are in the JSON result, the text output and execution.json. A write
 * the permissions leave to a person is denied without a terminal, and audited.
 */
class InvokeToolsTest {

    @TempDir
    Path tmp;

    private CliHarness cli;

    @BeforeEach
    void project() throws IOException {
        cli = new CliHarness(tmp);
        Path repo = repositoryRoot();
        Path work = cli.workDir();
        Files.createDirectories(work.resolve(".baton/ensembles"));
        Files.createDirectories(work.resolve("docs"));
        Files.copy(repo.resolve(".baton/config.yaml"), work.resolve(".baton/config.yaml"));
        Files.copy(repo.resolve(".baton/ensembles/explain-project.yaml"), work.resolve(".baton/ensembles/explain-project.yaml"));
        Files.writeString(work.resolve("README.md"), "# Widget\nWidget turns gears into widgets.\n");
        Files.writeString(work.resolve("docs/guide.md"), "# The widget guide\nbody\n");
    }

    @Test
    void the_example_runs_offline_and_answers_from_its_tool_calls() throws IOException {
        CliHarness.Result r = cli.run("invoke", "explain-project", "-o", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode agent = Json.MAPPER.readTree(r.out()).path("agents").path("explain");
        assertThat(agent.path("output").asString()).contains("Widget turns gears into widgets.")
                .contains("guide.md:1: # The widget guide");
        JsonNode calls = agent.path("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("tool").asString()).isEqualTo("read_file");
        assertThat(calls.get(0).path("arguments").path("path").asString()).isEqualTo("README.md");
        assertThat(calls.get(1).path("tool").asString()).isEqualTo("search_text");
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.path("outcome").asString()).isEqualTo("ok");
            assertThat(c.path("round").asInt()).isEqualTo(1);
            assertThat(c.path("output_bytes").asLong()).isPositive();
            assertThat(c.has("duration_ms")).isTrue();
        });

        JsonNode recorded = Json.MAPPER.readTree(cli.workDir().resolve(".baton/artifacts/explain-project/latest/execution.json").toFile());
        assertThat(recorded.path("agents").path("explain").path("tool_calls")).hasSize(2);

        CliHarness.Result audit = cli.run("audit", "list", "-o", "json");
        assertThat(audit.out()).contains("read_file").contains("search_text");
    }

    @Test
    void text_output_lists_the_tool_calls_under_their_agent() {
        CliHarness.Result r = cli.run("invoke", "explain-project", "-o", "text", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("tool [round 1] read_file {\"path\":\"README.md\"")
                .contains("tool [round 1] search_text").contains("→ ok");
    }

    @Test
    void a_write_that_needs_approval_is_denied_without_a_terminal() throws IOException {
        writerEnsemble();

        CliHarness.Result r = cli.run("invoke", "writer", "explain", "-o", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode calls = Json.MAPPER.readTree(r.out()).path("agents").path("w").path("tool_calls");
        JsonNode write = calls.get(1);
        assertThat(write.path("tool").asString()).isEqualTo("write_file");
        assertThat(write.path("outcome").asString()).isEqualTo("denied");
        assertThat(write.path("decided_by").asString()).isEqualTo("non-interactive");
        assertThat(cli.workDir().resolve("notes.txt")).doesNotExist();
        assertThat(cli.run("audit", "list", "--tool", "write_file", "-o", "json").out()).contains("denied");
    }

    @Test
    void on_a_terminal_a_write_is_asked_for_and_runs_when_approved() throws IOException {
        writerEnsemble();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CliEnvironment terminal = new CliEnvironment(cli.workDir(), Map.of(
                "HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString(),
                "OLLAMA_HOST", "127.0.0.1:1"),
                new java.io.ByteArrayInputStream("y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), true, false,
                CliEnvironment::defaultBaton);

        int exit = Main.run(terminal, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "invoke", "writer", "explain", "-o", "text", "--no-artifact");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("Tool call for agent 'w': write_file (write)").contains("Allow? [y]es");
        assertThat(out.toString()).contains("tool [round 1] write_file").contains("→ ok");
        assertThat(cli.workDir().resolve("notes.txt")).hasContent("hi");
    }

    private void writerEnsemble() throws IOException {
        Files.writeString(cli.workDir().resolve(".baton/ensembles/writer.yaml"), """
                name: writer
                agents:
                  - name: w
                    model_profile: tools-demo
                    tools: [read_file, search_text, write_file]
                """);
        Files.writeString(cli.workDir().resolve(".baton/config.yaml"),
                Files.readString(cli.workDir().resolve(".baton/config.yaml")).replace(
                        "arguments: {path: README.md, start_line: 1, end_line: 8}",
                        "arguments: {path: README.md, start_line: 1, end_line: 8}\n"
                                + "                - name: write_file\n"
                                + "                  arguments: {path: notes.txt, content: hi}"));
    }

    /** The clone's root: the folder above this module holding the Maven wrapper and .baton/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve(".baton"))) return dir;
        }
        throw new IllegalStateException("no repository root with .baton/ above " + Path.of("").toAbsolutePath());
    }
}
