package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Signals sent to a real {@code baton invoke} process (a child JVM running the CLI's main class). */
class InvokeSignalTest {

    private static final String LONG = """
            name: long
            agents:
              - {name: wait, script: "trap 'exit 130' INT; touch started.flag; sleep 30 & wait"}
            """;

    @TempDir
    Path tmp;

    @Test
    void sigterm_cancels_the_run_and_exits_130() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("long", LONG);
        Process baton = start(project, List.of());
        awaitFlag(project, baton);

        baton.toHandle().destroy(); // SIGTERM

        Finished f = finish(baton);
        assertThat(f.exit()).as("exit status; stderr: %s", f.stderr()).isEqualTo(130);
        JsonNode printed = Json.MAPPER.readTree(f.stdout());
        assertThat(printed.path("status").asString()).isEqualTo("cancelled");
        assertThat(printed.path("agents").path("wait").path("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void ctrl_c_to_the_terminal_process_group_records_the_script_agent_cancelled_not_failed() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("long", LONG);
        // a terminal's Ctrl-C goes to the whole foreground process group: baton leads its own here
        Process baton = start(project, List.of("setsid"));
        awaitFlag(project, baton);

        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + baton.pid()).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

        Finished f = finish(baton);
        assertThat(f.exit()).as("exit status; stderr: %s", f.stderr()).isEqualTo(130);
        JsonNode wait = Json.MAPPER.readTree(f.stdout()).path("agents").path("wait");
        assertThat(wait.path("status").asString()).as(wait.toString()).isEqualTo("cancelled");
        JsonNode recorded = Json.MAPPER.readTree(project.artifacts().resolve("long/latest/execution.json").toFile());
        assertThat(recorded.path("agents").path("wait").path("status").asString()).isEqualTo("cancelled");
    }

    private Process start(EnsembleProject project, List<String> prefix) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "invoke", "long", "x", "-o", "json"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.work().toFile());
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().put("BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString());
        pb.environment().put("BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString());
        pb.environment().put("OLLAMA_HOST", "127.0.0.1:1");
        return pb.redirectInput(ProcessBuilder.Redirect.PIPE).start();
    }

    private static void awaitFlag(EnsembleProject project, Process baton) throws InterruptedException {
        Path flag = project.work().resolve("started.flag");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(flag) && baton.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(flag).as("the script agent started").exists();
    }

    private record Finished(int exit, String stdout, String stderr) {
    }

    private static Finished finish(Process baton) throws Exception {
        Drain out = new Drain(baton.getInputStream());
        Drain err = new Drain(baton.getErrorStream());
        try {
            assertThat(baton.waitFor(30, TimeUnit.SECONDS)).as("baton exited").isTrue();
            return new Finished(baton.exitValue(), out.text(), err.text());
        } finally {
            baton.destroyForcibly();
        }
    }

    /** Reads a stream on its own thread so a full pipe never blocks the child. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        Drain(InputStream in) {
            thread = Thread.ofVirtual().start(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException ignored) {
                    // the child is gone
                }
            });
        }

        String text() throws InterruptedException {
            thread.join(Duration.ofSeconds(10));
            synchronized (bytes) {
                return bytes.toString();
            }
        }
    }
}
