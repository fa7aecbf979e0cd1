package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Input that is not what Baton can read is refused with what and where, never replaced or crashed on. */
class BadInputTest {

    private static final String ECHO = """
            name: echo
            default_task: the default task
            agents:
              - name: shout
                script: printf '%s!' "$BATON_INPUT"
            """;

    /** "in" then a byte that can never start a UTF-8 character, then "put". */
    private static final byte[] NOT_UTF8 = {'i', 'n', (byte) 0xFF, 'p', 'u', 't', '\n'};

    @TempDir
    Path tmp;

    @Test
    void ensembles_list_shows_a_file_that_is_not_utf8_as_invalid_and_still_lists_the_rest() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("echo", ECHO);
        Files.write(project.ensembles().resolve("bin.yaml"), NOT_UTF8);

        var r = project.run("ensembles", "list", "-o", "text");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("echo")
                .contains("INVALID: .baton/ensembles/bin.yaml: not UTF-8 text (byte 0xFF at byte offset 2, line 1)");
    }

    @Test
    void stdin_that_is_not_utf8_is_refused_like_an_input_file_with_exit_2() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("echo", ECHO);
        Files.write(project.work().resolve("bin.dat"), NOT_UTF8);

        var piped = project.cli.runIn(project.work(), NOT_UTF8, "invoke", "echo", "-o", "json", "--no-artifact");
        var file = project.run("invoke", "echo", "--input-file", "bin.dat", "-o", "json", "--no-artifact");

        assertThat(piped.exit()).isEqualTo(2);
        assertThat(piped.err()).contains("standard input: not UTF-8 text (byte 0xFF at byte offset 2, line 1)");
        // stdout holds only the error document, no run result
        assertThat(Json.MAPPER.readTree(piped.out()).path("error").path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(file.exit()).isEqualTo(2);
        assertThat(file.err()).contains("--input-file: bin.dat: not UTF-8 text (byte 0xFF at byte offset 2, line 1)")
                .doesNotContain("Input length");
    }

    @Test
    void utf8_stdin_still_reaches_the_run() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("echo", ECHO);

        var r = project.cli.runIn(project.work(), "héllo ✓\n".getBytes(StandardCharsets.UTF_8),
                "invoke", "echo", "-o", "json", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("input").asString()).isEqualTo("héllo ✓");
    }

    @Test
    void a_batch_file_that_is_not_utf8_is_refused_with_its_name() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("echo", ECHO);
        Files.write(project.work().resolve("inputs.jsonl"), new byte[] {'"', 'a', (byte) 0xC0, '"', '\n'});

        var r = project.run("invoke", "echo", "--batch", "inputs.jsonl", "-o", "json", "--no-artifact");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--batch: inputs.jsonl: not UTF-8 text (byte 0xC0 at byte offset 2, line 1)");
    }

    @Test
    void a_duplicate_key_in_config_yaml_stops_a_command_with_file_line_and_key() {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("echo", ECHO)
                .config("profiles:\n  fast:\n    provider: ollama\n    model: a\n  fast:\n    provider: ollama\n    model: b\n");

        var r = project.run("profiles", "list");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("config.yaml:5:").contains("duplicate key 'fast' in 'profiles'");
    }
}
