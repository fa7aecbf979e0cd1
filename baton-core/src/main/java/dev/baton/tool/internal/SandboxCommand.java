package dev.baton.tool.internal;

import dev.baton.ensemble.agent.internal.ScriptGroup;
import dev.baton.ensemble.agent.internal.ScriptLauncher;
import dev.baton.ensemble.agent.internal.StreamCapture;
import dev.baton.tool.Sandbox.CommandResult;
import dev.baton.tool.SandboxViolation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command for the sandbox the way script agents run: through {@link ScriptLauncher}, so
 * it leads its own session and process group and every process it starts is found and ended
 * (SIGTERM, then SIGKILL) when it exits, times out or the caller is interrupted. The environment
 * is replaced wholesale by the scrubbed one; stdin is empty; stdout and stderr each keep their
 * first {@code capBytes} bytes, cut on a character boundary.
 */
final class SandboxCommand {

    /** How long readers may wait for output after the tree is ended (a stray holder of the pipe). */
    private static final Duration STREAM_GRACE = Duration.ofSeconds(2);
    private static final ScriptLauncher LAUNCHER = new ScriptLauncher(null);

    private final Map<String, String> environment;
    private final int capBytes;

    SandboxCommand(Map<String, String> environment, int capBytes) {
        this.environment = Map.copyOf(environment);
        this.capBytes = capBytes;
    }

    CommandResult run(List<String> argv, boolean shell, Path dir, Duration limit) {
        ProcessBuilder pb = new ProcessBuilder(command(argv, shell)).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        boolean finished;
        Process process;
        StreamCapture out;
        StreamCapture err;
        try (ScriptGroup group = LAUNCHER.start(pb)) {
            process = group.process();
            // one byte over the cap tells "exactly the cap" from "more than the cap"
            out = StreamCapture.head(process.getInputStream(), capBytes + 1, "baton-tool-out");
            err = StreamCapture.head(process.getErrorStream(), capBytes + 1, "baton-tool-err");
            try {
                finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                group.close();
                Thread.currentThread().interrupt();
                throw new CancellationException("command '" + argv.getFirst() + "' was interrupted; its process tree was ended");
            }
            // exited or timed out: what it started goes too, which also closes pipes they inherited
            group.close();
            awaitQuietly(out);
            awaitQuietly(err);
        } catch (IOException e) {
            throw new SandboxViolation("command '" + argv.getFirst() + "' cannot be started: " + e.getMessage());
        }
        byte[] o = out.bytes();
        byte[] e = err.bytes();
        boolean truncated = o.length > capBytes || e.length > capBytes;
        return new CommandResult(finished ? process.exitValue() : -1, Utf8.decode(o, capBytes), Utf8.decode(e, capBytes),
                truncated, !finished, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<String> command(List<String> argv, boolean shell) {
        if (!shell) return List.copyOf(argv);
        List<String> c = new ArrayList<>(3);
        c.add("sh");
        c.add("-c");
        c.add(String.join(" ", argv));
        return c;
    }

    private static void awaitQuietly(StreamCapture capture) {
        try {
            capture.await(STREAM_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
