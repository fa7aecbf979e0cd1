package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AOT training workload stays valid: every command in it succeeds offline in a scratch home. */
class AotTrainingTest {

    @Test
    void every_training_command_succeeds_offline_in_a_scratch_directory(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work");
        CliEnvironment env = offline(tmp);

        assertThat(AotTraining.run(env)).isEmpty();
        assertThat(work.resolve(".baton/config.yaml")).exists();
        assertThat(work.resolve(".baton/artifacts/code-review/latest")).exists();
    }

    @Test
    void the_run_workload_runs_ask_and_invoke_offline_and_through_the_loopback_upstream(@TempDir Path tmp)
            throws Exception {
        Path work = tmp.resolve("work");
        CliEnvironment env = offline(tmp);

        assertThat(AotTraining.run(env, true)).isEmpty();

        assertThat(work.resolve(".baton/artifacts/code-review/latest")).exists();
        Path execution = work.resolve(".baton/artifacts/" + TrainingUpstream.ENSEMBLE + "/latest/execution.json");
        JsonNode run = new ObjectMapper().readTree(execution.toFile());
        assertThat(run.path("status").asString()).isEqualTo("completed");
        assertThat(run.path("agents").path("editor").path("model").asString()).contains("aot-model");
    }

    @Test
    void prepare_creates_the_store_the_training_then_opens(@TempDir Path tmp) throws Exception {
        CliEnvironment env = offline(tmp);
        Path database;
        try (dev.baton.Baton baton = env.openBaton()) {
            database = baton.database();
        }
        assertThat(database).doesNotExist();

        assertThat(AotTraining.prepare(env)).isEmpty();

        assertThat(database).isNotEmptyFile();
    }

    @Test
    void the_workload_runs_a_fan_in_ensemble_through_a_real_provider_against_the_loopback_upstream(@TempDir Path tmp)
            throws Exception {
        Path work = tmp.resolve("work");
        CliEnvironment env = offline(tmp);

        assertThat(AotTraining.run(env)).isEmpty();

        Path execution = work.resolve(".baton/artifacts/" + TrainingUpstream.ENSEMBLE + "/latest/execution.json");
        assertThat(execution).exists();
        JsonNode run = new ObjectMapper().readTree(execution.toFile());
        assertThat(run.path("status").asString()).isEqualTo("completed");
        JsonNode last = run.path("agents").path("reviewer-" + (TrainingUpstream.REVIEWERS - 1));
        assertThat(last.path("status").asString()).isEqualTo("completed");
        assertThat(last.path("model").asString()).contains("aot-model");
        assertThat(run.path("agents").path("editor").path("status").asString()).isEqualTo("completed");
    }

    /** An environment in {@code tmp/work} with an empty home in {@code tmp/home} and no local model server. */
    private static CliEnvironment offline(Path tmp) throws java.io.IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        return new CliEnvironment(work, Map.of("HOME", home.toString(), "OLLAMA_HOST", "127.0.0.1:1"),
                InputStream.nullInputStream(), true, false, CliEnvironment::defaultBaton);
    }
}
