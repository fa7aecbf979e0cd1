package dev.baton.ensemble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptProcessTest {

    @TempDir
    Path dir;

    @Test
    void passes_stdin_and_environment_and_keeps_stdout_and_the_stderr_tail() throws Exception {
        ScriptProcess.Result r = new ScriptProcess(1024, 8).run(
                List.of("bash", "-c", "cat; echo \" $GREETING\"; echo 0123456789abcdef >&2; exit 4"), dir,
                Map.of("GREETING", "hi"), "from stdin", Duration.ofSeconds(10));

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stdout()).isEqualTo("from stdin hi\n");
        assertThat(r.stderrTail()).isEqualTo("9abcdef\n");
        assertThat(r.timedOut()).isFalse();
        assertThat(r.stdoutOverflowed()).isFalse();
    }

    @Test
    void reports_stdout_over_the_cap() throws Exception {
        ScriptProcess.Result r = new ScriptProcess(10, 10).run(List.of("bash", "-c", "printf '%020d' 0"), dir,
                Map.of(), "", Duration.ofSeconds(10));

        assertThat(r.stdout()).hasSize(10);
        assertThat(r.stdoutOverflowed()).isTrue();
    }

    @Test
    void kills_the_whole_process_tree_on_timeout() throws Exception {
        long start = System.nanoTime();
        ScriptProcess.Result r = new ScriptProcess(1024, 1024).run(List.of("bash", "-c", "sleep 30 & wait"), dir,
                Map.of(), "", Duration.ofMillis(300));

        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
