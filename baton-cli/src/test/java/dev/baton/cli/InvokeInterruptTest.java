package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C in the CLI is an interrupt of the command's thread (the shutdown hook does exactly that). */
class InvokeInterruptTest {

    @TempDir
    Path tmp;

    @Test
    void interrupting_a_batch_counts_cancelled_and_unstarted_runs_and_writes_their_artifacts() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("long", """
                name: long
                agents:
                  - {name: wait, script: "touch \\"started-$BATON_RUN_ID.flag\\" && sleep 30"}
                """);
        Files.writeString(project.work().resolve("inputs.jsonl"), "\"a\"\n\"b\"\n\"c\"\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(project.work(), Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString(), "OLLAMA_HOST", "127.0.0.1:1"),
                new ByteArrayInputStream(new byte[0]), false, false, CliEnvironment::defaultBaton);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = Thread.ofPlatform().start(() -> exit.set(Main.run(env, new PrintWriter(out, true),
                new PrintWriter(err, true), "invoke", "long", "--batch", "inputs.jsonl", "--parallel", "2")));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (flags(project.work()) < 2 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(flags(project.work())).as("two runs started").isEqualTo(2);

        command.interrupt();
        command.join(Duration.ofSeconds(15));

        assertThat(command.isAlive()).as("the command returned promptly").isFalse();
        assertThat(exit.get()).isEqualTo(130);
        assertThat(err.toString()).contains("baton: batch: 2/3 run(s), 0 failed, 0 completed with errors, 2 cancelled, 1 not started")
                .contains("baton: artifacts: 2 run(s) under")
                .doesNotContain("artifacts not written");
        assertThat(out.toString().lines()).hasSize(2).allMatch(l -> l.contains("\"status\":\"cancelled\""));
    }

    private static long flags(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("started-")).count();
        }
    }

    @Test
    void interrupting_invoke_cancels_the_run_records_it_and_exits_130() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("long", """
                name: long
                agents:
                  - {name: wait, script: "touch started.flag && sleep 30"}
                  - {name: quick, model_profile: default}
                  - {name: after, model_profile: default, depends_on: [wait]}
                """);
        StringWriter out = new StringWriter();
        CliEnvironment env = new CliEnvironment(project.work(), Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString(), "OLLAMA_HOST", "127.0.0.1:1"),
                new ByteArrayInputStream(new byte[0]), false, false, CliEnvironment::defaultBaton);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = Thread.ofPlatform().start(() -> exit.set(Main.run(env, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "invoke", "long", "x", "-o", "json")));
        Path flag = project.work().resolve("started.flag");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(flag) && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(flag).as("the script agent started").exists();

        command.interrupt();
        command.join(Duration.ofSeconds(15));

        assertThat(command.isAlive()).as("the command returned promptly").isFalse();
        assertThat(exit.get()).isEqualTo(130);
        JsonNode printed = Json.MAPPER.readTree(out.toString());
        assertThat(printed.path("status").asString()).isEqualTo("cancelled");
        assertThat(printed.path("agents").path("wait").path("status").asString()).isEqualTo("cancelled");
        JsonNode recorded = Json.MAPPER.readTree(project.artifacts().resolve("long/latest/execution.json").toFile());
        assertThat(recorded.path("status").asString()).isEqualTo("cancelled");
    }
}
