package dev.baton.coordinator.internal;

import dev.baton.tool.Sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Recent history from {@code git}, run in the workspace through the sandbox (no shell, scrubbed
 * environment, killed at its time limit) with a fixed, read-only argument list: {@code git log}
 * with stats and patches, external diff drivers and text conversion off, limited to code or to
 * documentation by pathspec. Nothing of the caller's reaches the command line but a count.
 */
final class GitHistory {

    /** Paths counted as documentation: Markdown anywhere, and the docs folder. */
    static final List<String> DOC_PATHS = List.of("*.md", "*.markdown", "docs/");
    private static final List<String> CODE_PATHS = List.of(".", ":(exclude)*.md", ":(exclude)*.markdown", ":(exclude)docs/");

    private final Sandbox sandbox;
    private final Duration timeLimit;

    GitHistory(Sandbox sandbox, Duration timeLimit) {
        this.sandbox = sandbox;
        this.timeLimit = timeLimit;
    }

    /** The last {@code count} (1–50) commits touching code, with stats and diffs; or why there are none. */
    String codeCommits(int count) {
        return log(count, CODE_PATHS);
    }

    /** The last {@code count} (1–50) commits touching documentation, with stats and diffs. */
    String docCommits(int count) {
        return log(count, DOC_PATHS);
    }

    private String log(int count, List<String> paths) {
        int n = Math.clamp(count, 1, 50);
        List<String> argv = new ArrayList<>(List.of("git", "--no-pager", "-c", "core.quotePath=false", "log",
                "-n", Integer.toString(n), "--no-color", "--no-ext-diff", "--no-textconv", "--date=iso-strict",
                "--format=commit %h%nDate: %ad%nAuthor: %an%nSubject: %s%n", "--stat", "-p", "--unified=2", "--"));
        argv.addAll(paths);
        Sandbox.CommandResult r = sandbox.run(argv, false, sandbox.root(), timeLimit);
        if (r.timedOut()) return "(git log did not finish within " + timeLimit.toSeconds() + " s)";
        if (r.exitCode() != 0) {
            String why = r.stderr().strip();
            return "(no git history: " + (why.isEmpty() ? "git exited with " + r.exitCode() : why.lines().findFirst().orElse(why)) + ")";
        }
        String out = r.stdout().strip();
        if (out.isEmpty()) return "(no commits touch these paths)";
        return r.truncated() ? out + "\n(cut at the output cap)" : out;
    }
}
