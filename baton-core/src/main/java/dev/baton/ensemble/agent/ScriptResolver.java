package dev.baton.ensemble.agent;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the command for a script agent's {@code script}. A path is looked up in
 * {@code <project>/.baton/scripts}, then the project directory, then the user tier
 * ({@code ~/.config/baton/scripts}); an absolute path is used as is. Text that is no such file
 * and contains a space or a newline is inline shell, run with {@code bash -c}. The interpreter
 * follows the extension ({@code .py} python3, {@code .sh} bash, {@code .js} node, {@code .rb}
 * ruby); other files must be executable.
 */
public final class ScriptResolver {

    /** A runnable script: the command line, the file (null when inline) and whether it is inline. */
    public record ResolvedScript(List<String> command, Path file, boolean inline) {
        public ResolvedScript {
            command = List.copyOf(command);
        }
    }

    private final Path projectDir;
    private final Path userScriptsDir;

    /** {@code userScriptsDir} may be null (no user tier). */
    public ScriptResolver(Path projectDir, Path userScriptsDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.userScriptsDir = userScriptsDir;
    }

    /** The directories searched, in order. */
    public List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>(List.of(projectDir.resolve(".baton").resolve("scripts"), projectDir));
        if (userScriptsDir != null) dirs.add(userScriptsDir);
        return dirs;
    }

    /** Resolves {@code script}; a {@link ErrorCode#NOT_FOUND} failure says where it looked. */
    public ResolvedScript resolve(String script) {
        Optional<Path> file = findFile(script);
        if (file.isPresent()) return new ResolvedScript(command(file.get()), file.get(), false);
        if (script.indexOf('\n') >= 0 || script.indexOf(' ') >= 0) {
            return new ResolvedScript(List.of("bash", "-c", script), null, true);
        }
        throw BatonException.builder(ErrorCode.NOT_FOUND, "script '" + script + "' not found in " + searchPath())
                .suggestion("put it in " + searchPath().get(0) + " or give an absolute path").build();
    }

    private Optional<Path> findFile(String script) {
        try {
            Path p = Path.of(script);
            if (p.isAbsolute()) return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
            for (Path dir : searchPath()) {
                Path candidate = dir.resolve(p).normalize();
                if (Files.isRegularFile(candidate)) return Optional.of(candidate);
            }
        } catch (InvalidPathException notAPath) {
            // inline shell text with characters no path may contain
        }
        return Optional.empty();
    }

    private static List<String> command(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String path = file.toString();
        if (name.endsWith(".py")) return List.of("python3", path);
        if (name.endsWith(".sh")) return List.of("bash", path);
        if (name.endsWith(".js") || name.endsWith(".mjs")) return List.of("node", path);
        if (name.endsWith(".rb")) return List.of("ruby", path);
        if (Files.isExecutable(file)) return List.of(path);
        throw BatonException.builder(ErrorCode.INVALID_REQUEST,
                        "script " + file + " has no known extension (.py .sh .js .rb) and is not executable")
                .suggestion("chmod +x " + file).build();
    }
}
