package dev.baton.tool.internal;

import dev.baton.config.ToolSettings;
import dev.baton.tool.Sandbox;
import dev.baton.tool.SandboxViolation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The sandbox of a {@code Baton} built without a workspace sandbox: it has the configured root,
 * time limit and output cap, and refuses every path and command (fail closed), so tools that do
 * not touch the workspace still run and those that do fail with a clear tool error.
 */
public final class ClosedSandbox implements Sandbox {

    private final ToolSettings settings;

    public ClosedSandbox(ToolSettings settings) {
        this.settings = settings;
    }

    @Override
    public Path root() {
        return settings.workspace();
    }

    @Override
    public Path readable(String path) {
        throw refused("path '" + path + "'");
    }

    @Override
    public Path writable(String path) {
        throw refused("path '" + path + "'");
    }

    @Override
    public int outputCapBytes() {
        return settings.outputCapBytes();
    }

    @Override
    public Duration callTimeLimit() {
        return settings.timeLimit();
    }

    @Override
    public CommandResult run(List<String> argv, boolean shell, Path workingDirectory, Duration timeLimit) {
        throw refused("command '" + (argv.isEmpty() ? "" : argv.getFirst()) + "'");
    }

    private static SandboxViolation refused(String what) {
        return new SandboxViolation(what + " refused: no workspace sandbox is installed in this Baton");
    }
}
