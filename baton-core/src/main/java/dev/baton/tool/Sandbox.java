package dev.baton.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The workspace a tool may touch. Every path argument is normalised and resolved with symlinks;
 * one outside {@link #root()} (or, for writes, inside {@code .git/}) is refused with a
 * {@link SandboxViolation} naming the argument. Commands run without a shell unless asked, in
 * the workspace, with a scrubbed environment (no provider keys, no {@code *_API_KEY} or
 * {@code *_TOKEN}), and their whole process tree is killed at the time limit or on interruption.
 */
public interface Sandbox {

    /** The workspace root (real path). */
    Path root();

    /** The real path of {@code path} (relative to the root, or absolute inside it) for reading. */
    Path readable(String path);

    /** The path of {@code path} for writing: inside the root, not under {@code .git/}; it may not exist yet. */
    Path writable(String path);

    /** The most bytes of output a tool call may return before it is truncated and flagged. */
    int outputCapBytes();

    /** The longest one tool call may run. */
    Duration callTimeLimit();

    /**
     * Runs {@code argv} (through {@code sh -c} when {@code shell}) in {@code workingDirectory}
     * (a path checked by {@link #readable}), for at most {@code timeLimit}; blocks until it ends,
     * is killed, or the calling thread is interrupted (then the tree is killed too).
     */
    CommandResult run(List<String> argv, boolean shell, Path workingDirectory, Duration timeLimit);

    /** How a command ended: exit code (-1 when killed), output (each capped), and why it stopped. */
    record CommandResult(int exitCode, String stdout, String stderr, boolean truncated, boolean timedOut,
                         Duration duration) {
    }
}
