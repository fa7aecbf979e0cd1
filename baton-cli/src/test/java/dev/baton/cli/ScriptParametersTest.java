package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Declared script parameters, and the warnings when a caller passes others. */
class ScriptParametersTest {

    private static final Path LIBRARY = Path.of("../baton-core/src/main/resources/dev/baton/library/scripts");

    @TempDir
    Path tmp;

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void the_library_scripts_declare_exactly_their_documented_parameters() {
        assertThat(ScriptParameters.declared(LIBRARY.resolve("chunk_text.py"))).hasValue(Set.of("chunk_words", "overlap"));
        assertThat(ScriptParameters.declared(LIBRARY.resolve("json_transform.py")).orElseThrow())
                .containsExactly("fields", "defaults", "from");
        assertThat(ScriptParameters.declared(LIBRARY.resolve("loop_helper.py")).orElseThrow())
                .containsExactly("stop_after", "start", "done_from");
        assertThat(ScriptParameters.declared(LIBRARY.resolve("read_file.py")).orElseThrow())
                .containsExactly("path", "max_bytes", "encoding");
    }

    @Test
    void a_shell_comment_header_declares_too_and_a_script_without_one_declares_nothing() {
        assertThat(ScriptParameters.declared(List.of("#!/bin/bash", "# Greets.", "#", "# parameters:",
                "#   name      who to greet", "#   loud      shout (default false)", "set -e")))
                .hasValue(Set.of("name", "loud"));
        assertThat(ScriptParameters.declared(List.of("#!/bin/bash", "# Greets.", "echo hi"))).isEmpty();
    }

    @Test
    void scripts_test_warns_about_a_parameter_the_script_does_not_declare() {
        var r = new CliHarness(tmp).run("scripts", "test", LIBRARY.toAbsolutePath().resolve("chunk_text.py").toString(),
                "--parameters", "{\"words\": 50}", "--input", "a b c");

        assertThat(r.err()).contains("baton: warning: ").contains("does not declare parameter 'words'")
                .contains("it declares chunk_words, overlap");
    }

    @Test
    void scripts_test_is_quiet_when_every_parameter_is_declared() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        write(cli.workDir().resolve(".baton/scripts/chunk_text.py"), Files.readString(LIBRARY.resolve("chunk_text.py")));

        var r = cli.run("scripts", "test", "chunk_text", "--parameters", "{\"chunk_words\": 2}", "--input", "a b c");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(r.out()).contains("\"a b\"");
    }

    @Test
    void ensembles_validate_warns_about_an_undeclared_script_parameter_and_still_passes() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("split", """
                name: split
                agents:
                  - name: chunk
                    script: chunk_text.py
                    parameters:
                      words: 50
                      overlap: 1
                """);
        write(project.work().resolve(".baton/scripts/chunk_text.py"), Files.readString(LIBRARY.resolve("chunk_text.py")));

        var r = project.run("ensembles", "validate", "split");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("agent 'chunk': chunk_text.py does not declare parameter 'words'")
                .doesNotContain("'overlap'");
    }
}
