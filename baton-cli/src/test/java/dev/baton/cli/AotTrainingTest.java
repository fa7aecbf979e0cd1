package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AOT training workload stays valid: every command in it succeeds offline in a scratch home. */
class AotTrainingTest {

    @Test
    void every_training_command_succeeds_offline_in_a_scratch_directory(@TempDir Path tmp) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        CliEnvironment env = new CliEnvironment(work, Map.of("HOME", home.toString(), "OLLAMA_HOST", "127.0.0.1:1"),
                InputStream.nullInputStream(), true, false, CliEnvironment::defaultBaton);

        assertThat(AotTraining.run(env)).isEmpty();
        assertThat(work.resolve(".baton/config.yaml")).exists();
        assertThat(work.resolve(".baton/artifacts/code-review/latest")).exists();
    }
}
