package dev.baton.tool.internal;

import dev.baton.config.ProviderRegistry;
import dev.baton.tool.Sandbox;
import dev.baton.tool.SandboxViolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Sandbox} over one folder. A path argument is taken relative to the root (or absolute),
 * normalised, and resolved through symlinks: the real path of its longest existing prefix, plus
 * the rest; it is refused when that leaves the root, when a not-yet-existing part is a dangling
 * symlink, and, for writes, when any part of it is named {@code .git}. Commands run through
 * {@link SandboxCommand}: no shell unless asked, a scrubbed environment ({@link ScrubbedEnvironment}),
 * their whole process tree ended at the time limit (the shorter of the call's and the sandbox's)
 * or on interruption, each output stream capped. Thread-safe.
 */
public final class WorkspaceSandbox implements Sandbox {

    private final Path root;
    private final Duration callTimeLimit;
    private final int outputCapBytes;
    private final SandboxCommand commands;

    /**
     * A sandbox over {@code root} (which must be a folder), with the environment {@code parentEnv}
     * scrubbed of credentials, including the key variables of every provider on the class path.
     */
    public WorkspaceSandbox(Path root, Duration callTimeLimit, int outputCapBytes, Map<String, String> parentEnv) {
        this(root, callTimeLimit, outputCapBytes, parentEnv,
                ScrubbedEnvironment.of(ProviderRegistry.discoverFactories(WorkspaceSandbox.class.getClassLoader()).values()));
    }

    /** As above, with the scrubbing rules given. */
    public WorkspaceSandbox(Path root, Duration callTimeLimit, int outputCapBytes, Map<String, String> parentEnv,
                            ScrubbedEnvironment scrubber) {
        Objects.requireNonNull(root, "root");
        if (callTimeLimit.isNegative() || callTimeLimit.isZero()) {
            throw new IllegalArgumentException("sandbox call time limit must be positive, got " + callTimeLimit);
        }
        if (outputCapBytes <= 0) throw new IllegalArgumentException("sandbox output cap must be positive, got " + outputCapBytes);
        try {
            this.root = root.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("sandbox root " + root + " does not exist or cannot be read: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(this.root)) throw new IllegalArgumentException("sandbox root " + root + " is not a folder");
        this.callTimeLimit = callTimeLimit;
        this.outputCapBytes = outputCapBytes;
        this.commands = new SandboxCommand(scrubber.apply(parentEnv), outputCapBytes);
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Path readable(String path) {
        return resolve(path);
    }

    @Override
    public Path writable(String path) {
        Path resolved = resolve(path);
        Path relative = root.relativize(resolved);
        if (relative.toString().isEmpty()) {
            throw new SandboxViolation("path '" + path + "' is the workspace root itself, which cannot be written");
        }
        for (Path part : relative) {
            if (part.toString().toLowerCase(Locale.ROOT).equals(".git")) {
                throw new SandboxViolation("path '" + path + "' is inside .git/: git internals are never written by tools");
            }
        }
        return resolved;
    }

    @Override
    public int outputCapBytes() {
        return outputCapBytes;
    }

    @Override
    public Duration callTimeLimit() {
        return callTimeLimit;
    }

    @Override
    public CommandResult run(List<String> argv, boolean shell, Path workingDirectory, Duration timeLimit) {
        if (argv.isEmpty()) throw new SandboxViolation("command is empty: give at least the program to run");
        Path dir = resolve(workingDirectory.toString());
        if (!Files.isDirectory(dir)) {
            throw new SandboxViolation("working directory '" + workingDirectory + "' is not a folder in the workspace");
        }
        Duration limit = timeLimit.compareTo(callTimeLimit) < 0 && !timeLimit.isNegative() && !timeLimit.isZero()
                ? timeLimit : callTimeLimit;
        return commands.run(argv, shell, dir, limit);
    }

    /** The real path {@code path} names, refused unless it stays inside the root. */
    private Path resolve(String path) {
        if (path.indexOf('\0') >= 0) throw new SandboxViolation("path '" + path.replace('\0', '?') + "' contains a NUL character");
        Path given;
        try {
            given = Path.of(path.isBlank() ? "." : path);
        } catch (InvalidPathException e) {
            throw new SandboxViolation("path '" + path + "' is not a valid path: " + e.getReason());
        }
        Path lexical = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        if (!lexical.startsWith(root)) throw outside(path);
        Path real = realPath(path, lexical);
        if (!real.startsWith(root)) throw outside(path);
        return real;
    }

    /** The real path of the longest existing prefix of {@code lexical}, plus the parts that do not exist yet. */
    private Path realPath(String path, Path lexical) {
        Path existing = lexical;
        while (existing != null) {
            try {
                Path real = existing.toRealPath();
                Path rest = existing.relativize(lexical);
                Path out = rest.toString().isEmpty() ? real : real.resolve(rest);
                checkMissingParts(path, real, rest);
                return out;
            } catch (NoSuchFileException e) {
                existing = existing.getParent();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resolve path '" + path + "': " + e.getMessage(), e);
            }
        }
        throw outside(path);
    }

    /**
     * The first missing part decides (nothing below it can exist): if it is there without
     * following links, it is a dangling symlink, whose target could be anywhere.
     */
    private static void checkMissingParts(String path, Path real, Path rest) {
        if (rest.toString().isEmpty()) return;
        Path first = real.resolve(rest.getName(0));
        if (Files.exists(first, LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxViolation("path '" + path + "' goes through a symlink whose target does not exist ("
                    + first.getFileName() + "); such links are refused because they may point outside the workspace");
        }
    }

    private SandboxViolation outside(String path) {
        return new SandboxViolation("path '" + path + "' resolves outside the workspace root " + root
                + " (paths, symlinks included, must stay inside the workspace)");
    }
}
