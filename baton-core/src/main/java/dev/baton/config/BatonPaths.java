package dev.baton.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Baton's files live: the project (the nearest folder, walking up from the working
 * directory, that holds {@code .baton/} or llm-orc's {@code .llm-orc/}, or both), the user tier
 * ({@code $XDG_CONFIG_HOME/baton} or {@code ~/.config/baton}), llm-orc's global folder
 * ({@code $XDG_CONFIG_HOME/llm-orc} or {@code ~/.config/llm-orc}, read after Baton's own user tier)
 * and the data directory ({@code $XDG_DATA_HOME/baton} or {@code ~/.local/share/baton}).
 * {@code BATON_CONFIG_HOME} and {@code BATON_DATA_HOME} override the Baton folders.
 *
 * <p>{@code projectDir} is the project's {@code .baton/} folder when it exists; {@code llmOrcDir}
 * its {@code .llm-orc/} folder when that exists. Baton reads {@code .llm-orc/} and never writes
 * into it: what Baton creates goes to {@code .baton/}.
 */
public record BatonPaths(Path workingDir, Optional<Path> projectDir, Path userConfigDir, Path dataDir,
                         Optional<Path> llmOrcDir, Optional<Path> llmOrcUserDir) {

    public static final String PROJECT_DIR_NAME = ".baton";
    public static final String LLM_ORC_DIR_NAME = ".llm-orc";

    public BatonPaths {
        Objects.requireNonNull(projectDir, "projectDir");
        llmOrcDir = llmOrcDir == null ? Optional.empty() : llmOrcDir;
        llmOrcUserDir = llmOrcUserDir == null ? Optional.empty() : llmOrcUserDir;
    }

    /** Paths of a Baton-only set-up: no llm-orc folders are read. */
    public BatonPaths(Path workingDir, Optional<Path> projectDir, Path userConfigDir, Path dataDir) {
        this(workingDir, projectDir, userConfigDir, dataDir, Optional.empty(), Optional.empty());
    }

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
        Path llmOrcUser = firstSet(env, "XDG_CONFIG_HOME").map(p -> p.resolve("llm-orc"))
                .orElse(home.toAbsolutePath().resolve(".config").resolve("llm-orc"));
        Optional<Path> root = findProjectRoot(cwd, userConfig);
        Optional<Path> baton = root.map(r -> r.resolve(PROJECT_DIR_NAME)).filter(d -> isProjectDir(d, userConfig));
        Optional<Path> llmOrc = root.map(r -> r.resolve(LLM_ORC_DIR_NAME)).filter(Files::isDirectory);
        return new BatonPaths(cwd, baton, userConfig, data, llmOrc,
                Optional.of(llmOrcUser).filter(Files::isDirectory));
    }

    private static Optional<Path> firstSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v).toAbsolutePath());
    }

    /** The nearest folder holding {@code .baton/} or {@code .llm-orc/}. */
    private static Optional<Path> findProjectRoot(Path cwd, Path userConfig) {
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (isProjectDir(dir.resolve(PROJECT_DIR_NAME), userConfig)
                    || Files.isDirectory(dir.resolve(LLM_ORC_DIR_NAME))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static boolean isProjectDir(Path candidate, Path userConfig) {
        return Files.isDirectory(candidate) && !candidate.equals(userConfig);
    }

    /** The project root: the folder holding {@code .baton/} or {@code .llm-orc/}, else the working directory. */
    public Path projectRoot() {
        return projectDir.or(() -> llmOrcDir).map(Path::getParent).orElse(workingDir);
    }

    /** Whether a project was found ({@code .baton/}, {@code .llm-orc/} or both). */
    public boolean inProject() {
        return projectDir.isPresent() || llmOrcDir.isPresent();
    }

    /** Where Baton creates project files: the project's {@code .baton/}, made next to {@code .llm-orc/} if need be. */
    public Path projectDirForWriting() {
        return projectDir.orElseGet(() -> projectRoot().resolve(PROJECT_DIR_NAME));
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
