package dev.baton.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Baton's files live: the project tier ({@code .baton/} found by walking up from the
 * working directory), the user tier ({@code $XDG_CONFIG_HOME/baton} or {@code ~/.config/baton})
 * and the data directory ({@code $XDG_DATA_HOME/baton} or {@code ~/.local/share/baton}).
 * {@code BATON_CONFIG_HOME} and {@code BATON_DATA_HOME} override the latter two.
 */
public record BatonPaths(Path workingDir, Optional<Path> projectDir, Path userConfigDir, Path dataDir) {

    public static final String PROJECT_DIR_NAME = ".baton";

    /** Paths as seen from {@code workingDir} with the given environment. */
    public static BatonPaths discover(Path workingDir, Map<String, String> env) {
        Path cwd = workingDir.toAbsolutePath().normalize();
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        Path userConfig = firstSet(env, "BATON_CONFIG_HOME")
                .orElseGet(() -> firstSet(env, "XDG_CONFIG_HOME").map(p -> p.resolve("baton"))
                        .orElse(home.resolve(".config").resolve("baton")));
        Path data = firstSet(env, "BATON_DATA_HOME")
                .orElseGet(() -> firstSet(env, "XDG_DATA_HOME").map(p -> p.resolve("baton"))
                        .orElse(home.resolve(".local").resolve("share").resolve("baton")));
        return new BatonPaths(cwd, findProject(cwd, userConfig), userConfig, data);
    }

    private static Optional<Path> firstSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v).toAbsolutePath());
    }

    private static Optional<Path> findProject(Path cwd, Path userConfig) {
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(PROJECT_DIR_NAME);
            if (Files.isDirectory(candidate) && !candidate.equals(userConfig)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The project root: the folder holding {@code .baton/}, else the working directory. */
    public Path projectRoot() {
        return projectDir.map(Path::getParent).orElse(workingDir);
    }

    public Path userConfigFile() {
        return userConfigDir.resolve("config.yaml");
    }

    public Optional<Path> projectConfigFile() {
        return projectDir.map(d -> d.resolve("config.yaml"));
    }

    /** The SQLite database: ledger, run index. */
    public Path database() {
        return dataDir.resolve("baton.db");
    }
}
