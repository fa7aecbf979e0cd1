package dev.baton.ensemble.service;

import dev.baton.config.BatonPaths;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Adds and removes the project's script agents in {@code .baton/scripts}. A new script is written to
 * a hidden temporary file, made executable (owner rwx, group and others r-x) and linked into place
 * in one step, so it never replaces an existing script and is never seen half-written. Only project
 * scripts are removed here; the user tier's are left alone. Names are plain file names, never paths.
 */
public final class ScriptEditor {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path directory;
    private final Scripts scripts;

    /** An editor of the project scripts of {@code paths}, found through {@code scripts}. */
    public ScriptEditor(BatonPaths paths, Scripts scripts) {
        this.directory = paths.projectRoot().resolve(BatonPaths.PROJECT_DIR_NAME).resolve("scripts");
        this.scripts = scripts;
    }

    /** Where project scripts go. */
    public Path directory() {
        return directory;
    }

    /**
     * Writes script {@code name} (e.g. {@code summarize.py}; without a known extension it must start
     * with a {@code #!} line to run) with {@code content}.
     *
     * @throws BatonException {@code INVALID_REQUEST} for a bad name, a script that already exists, or
     *                        content the engine could not run
     */
    public ScriptInfo create(String name, String content) {
        checkName(name);
        if (Scripts.EXTENSIONS.stream().noneMatch(name::endsWith) && !content.startsWith("#!")) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "script '" + name + "' has no known extension "
                    + Scripts.EXTENSIONS + " and its content has no #! line, so nothing could run it");
        }
        Path target = directory.resolve(name);
        try {
            Files.createDirectories(directory);
            Path tmp = directory.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(tmp, EXECUTABLE);
                } catch (UnsupportedOperationException e) {
                    tmp.toFile().setExecutable(true);
                }
                // a hard link fails when the target exists, where a rename would replace it
                Files.createLink(target, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "script '" + name + "' already exists: " + target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return scripts.find(name).filter(s -> s.path().toAbsolutePath().equals(target.toAbsolutePath()))
                .orElseThrow(() -> new IllegalStateException("script written to " + target + " but not found there"));
    }

    /**
     * Deletes the project script {@code name} (a known extension may be left out).
     *
     * @throws BatonException {@code NOT_FOUND} when the project has no such script
     */
    public Path delete(String name) {
        checkName(name);
        ScriptInfo script = scripts.find(name)
                .filter(s -> s.path().toAbsolutePath().normalize().startsWith(directory.toAbsolutePath().normalize()))
                .orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND, "no project script '" + name + "' in "
                        + directory + " (user-tier scripts are not deleted here)"));
        try {
            Files.delete(script.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + script.path() + ": " + e.getMessage(), e);
        }
        return script.path();
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "script name '" + name
                    + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
