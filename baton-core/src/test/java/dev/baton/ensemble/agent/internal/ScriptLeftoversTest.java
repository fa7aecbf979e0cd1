package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed with SIGKILL cannot end its scripts; the next engine that starts a script does. */
class ScriptLeftoversTest {

    @TempDir
    Path dir;

    @Test
    void the_next_script_start_reaps_the_tree_of_a_jvm_killed_with_sigkill() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path records = dir.resolve("records");
        Path pids = dir.resolve("pids.txt");
        Files.writeString(project.resolve("spawner.sh"), """
                echo $$ >> "%1$s"
                sleep 300 >/dev/null 2>&1 &
                echo $! >> "%1$s"
                nohup sleep 300 >/dev/null 2>&1 &
                echo $! >> "%1$s"
                setsid sleep 300 >/dev/null 2>&1 &
                echo $! >> "%1$s"
                sleep 300
                """.formatted(pids));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScriptLeftoversChildMain.class.getName(), records.toString(), project.toString(), pids.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> started = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertThat(out.readLine()).isEqualTo("READY");
            started = Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong).toList();
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();

            assertThat(started).as("what survives a SIGKILL of the JVM: the whole script tree")
                    .allMatch(pid -> ProcessTree.running(ProcessHandle.of(pid).orElseThrow()));
            // a record being replaced when the JVM died also leaves its .tmp, which the reaper removes too
            assertThat(recordFiles(records)).filteredOn(f -> f.toString().endsWith(".script")).hasSize(1);

            EnsembleEngine next = new EnsembleEngine(EngineOptions.builder(new FakeModels()).projectDir(project)
                    .userScriptsDir(null).scriptRecordDir(records).build());
            RunResult r = next.run(Specs.yaml("name: n\nagents:\n  - {name: quick, script: \"echo ok\"}\n"), "x");

            assertThat(r.agent("quick").orElseThrow().output()).isEqualTo("ok");
            for (long pid : started) {
                assertThat(ProcessHandle.of(pid).map(ProcessTree::running).orElse(false))
                        .as("process %d was reaped", pid).isFalse();
            }
            assertThat(recordFiles(records)).as("the reaped record and the finished script's are gone").isEmpty();
        } finally {
            child.destroyForcibly();
            started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void records_of_a_live_owner_are_left_alone() throws Exception {
        Path records = Files.createDirectories(dir.resolve("records"));
        ProcessHandle me = ProcessHandle.current();
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        try {
            Files.writeString(records.resolve("x.script"), "owner " + me.pid() + " "
                    + me.info().startInstant().orElseThrow().toEpochMilli() + "\nleader " + sleeper.pid() + " "
                    + sleeper.toHandle().info().startInstant().orElseThrow().toEpochMilli() + "\n");

            assertThat(new ScriptLeftovers(records).reap()).isZero();

            assertThat(sleeper.isAlive()).isTrue();
            // a record being replaced when the JVM died also leaves its .tmp, which the reaper removes too
            assertThat(recordFiles(records)).filteredOn(f -> f.toString().endsWith(".script")).hasSize(1);
        } finally {
            sleeper.destroyForcibly();
        }
    }

    private static List<Path> recordFiles(Path records) throws IOException {
        if (!Files.isDirectory(records)) return List.of();
        try (Stream<Path> s = Files.list(records)) {
            return s.toList();
        }
    }
}
