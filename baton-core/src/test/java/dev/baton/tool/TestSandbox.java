package dev.baton.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A sandbox for tests whose tools touch no files and run no commands: it refuses every path and command. */
public final class TestSandbox implements Sandbox {

    /** A context for a test run, with this sandbox and a deadline a minute away. */
    public static ToolContext context() {
        return new ToolContext("run-test", "agent-test", new TestSandbox(), Instant.now().plus(Duration.ofMinutes(1)));
    }

    @Override
    public Path root() {
        return Path.of(".").toAbsolutePath().normalize();
    }

    @Override
    public Path readable(String path) {
        throw new SandboxViolation("the test sandbox allows no paths: " + path);
    }

    @Override
    public Path writable(String path) {
        throw new SandboxViolation("the test sandbox allows no paths: " + path);
    }

    @Override
    public int outputCapBytes() {
        return 64 * 1024;
    }

    @Override
    public Duration callTimeLimit() {
        return Duration.ofSeconds(30);
    }

    @Override
    public CommandResult run(List<String> argv, boolean shell, Path workingDirectory, Duration timeLimit) {
        throw new SandboxViolation("the test sandbox runs no commands: " + argv);
    }
}
