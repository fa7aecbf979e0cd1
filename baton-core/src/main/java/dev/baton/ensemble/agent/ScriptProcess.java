package dev.baton.ensemble.agent;

import dev.baton.ensemble.agent.internal.ScriptGroup;
import dev.baton.ensemble.agent.internal.ScriptLauncher;
import dev.baton.ensemble.agent.internal.StreamCapture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script process outside any ensemble run, the way script agents run: the given text
 * on stdin, stdout kept up to a cap, the tail of stderr kept, and on timeout or interruption the
 * script and every process it started ended (they are also ended when the script exits by itself). Used by tools that try a script by hand
 * ({@code baton scripts test}); the command line comes from {@link ScriptResolver}. Thread-safe
 * and stateless between runs.
 */
public final class ScriptProcess {

    private static final Duration STREAM_GRACE = Duration.ofSeconds(2);
    /** Tried by hand, outside any run: not recorded for crash reaping. */
    private static final ScriptLauncher LAUNCHER = new ScriptLauncher(null);

    /**
     * What a run produced: the exit status (-1 when killed on timeout), the first bytes of stdout
     * and whether more was written, the last bytes of stderr, how long it took and whether it
     * timed out.
     */
    public record Result(int exitCode, String stdout, boolean stdoutOverflowed, String stderrTail, Duration duration,
                         boolean timedOut) {
    }

    private final int maxStdoutBytes;
    private final int stderrTailBytes;

    public ScriptProcess(int maxStdoutBytes, int stderrTailBytes) {
        this.maxStdoutBytes = maxStdoutBytes;
        this.stderrTailBytes = stderrTailBytes;
    }

    /** The caps script agents use by default: 1 MiB of stdout, the last 64 KiB of stderr. */
    public static ScriptProcess withDefaultCaps() {
        return new ScriptProcess(1 << 20, 64 << 10);
    }

    /**
     * Starts {@code command} in {@code workDir} with {@code extraEnv} added to this process's
     * environment, writes {@code stdin} and waits up to {@code timeout}.
     *
     * @throws IOException when the process cannot be started (e.g. the interpreter is missing)
     * @throws InterruptedException when the waiting thread is interrupted; the process tree is killed first
     */
    public Result run(List<String> command, Path workDir, Map<String, String> extraEnv, String stdin, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(extraEnv);
        long start = System.nanoTime();
        boolean finished;
        Process process;
        StreamCapture out;
        StreamCapture err;
        try (ScriptGroup group = LAUNCHER.start(pb)) {
            process = group.process();
            out = StreamCapture.head(process.getInputStream(), maxStdoutBytes, "baton-script-probe-out");
            err = StreamCapture.tail(process.getErrorStream(), stderrTailBytes, "baton-script-probe-err");
            Process p = process;
            Thread.ofVirtual().name("baton-script-probe-in").start(() -> write(p, stdin));
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // ended or timed out: nothing the script started outlives it, and stdout closes with it
            group.close();
            out.await(STREAM_GRACE);
            err.await(STREAM_GRACE);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(finished ? process.exitValue() : -1, out.text(), out.overflowed(), err.text(), took,
                !finished);
    }

    private static void write(Process process, String stdin) {
        try (OutputStream os = process.getOutputStream()) {
            os.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the script exited or closed stdin without reading it all: that is its choice
        }
    }
}
