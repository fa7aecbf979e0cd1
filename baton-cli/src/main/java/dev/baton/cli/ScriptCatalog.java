package dev.baton.cli;

import dev.baton.config.BatonPaths;
import dev.baton.ensemble.ScriptResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The script agents a project can use: those in {@code <project>/.baton/scripts}, then those in
 * the user tier ({@code ~/.config/baton/scripts}), found the way the ensemble engine finds them
 * ({@link ScriptResolver}). A user script with the same name as a project script is shadowed.
 */
final class ScriptCatalog {

    static final List<String> EXTENSIONS = List.of(".py", ".sh", ".js", ".mjs", ".rb");
    private static final int MAX_DEPTH = 4;
    private static final int MAX_DESCRIPTION = 100;

    /** One script file: its name as {@code script:} refers to it, tier, file, interpreter and first comment line. */
    record Script(String name, String tier, Path path, String interpreter, String description, boolean shadowed) {
    }

    private final Path projectRoot;
    private final Path projectScripts;
    private final Path userScripts;

    ScriptCatalog(BatonPaths paths) {
        this.projectRoot = paths.projectRoot();
        this.projectScripts = projectRoot.resolve(BatonPaths.PROJECT_DIR_NAME).resolve("scripts");
        this.userScripts = paths.userConfigDir().resolve("scripts");
    }

    Path projectRoot() {
        return projectRoot;
    }

    ScriptResolver resolver() {
        return new ScriptResolver(projectRoot, userScripts);
    }

    /** Project scripts first, then user scripts, each tier sorted by name. */
    List<Script> list() {
        List<Script> all = new ArrayList<>(tier(projectScripts, "project", Set.of()));
        Set<String> projectNames = new HashSet<>();
        all.forEach(s -> projectNames.add(s.name()));
        all.addAll(tier(userScripts, "user", projectNames));
        return all;
    }

    /**
     * The script {@code name} refers to, searched like the engine does ({@code .baton/scripts},
     * the project directory, the user tier); {@code name} may leave out a known extension.
     */
    Optional<Script> find(String name) {
        List<String> candidates = new ArrayList<>(List.of(name));
        EXTENSIONS.forEach(ext -> candidates.add(name + ext));
        List<Path> dirs = resolver().searchPath();
        for (Path dir : dirs) {
            for (String c : candidates) {
                Path file = dir.resolve(c).normalize();
                if (Files.isRegularFile(file)) return Optional.of(describe(c, tierOf(dir), file, false));
            }
        }
        return Optional.empty();
    }

    private String tierOf(Path dir) {
        if (dir.equals(projectScripts)) return "project";
        if (dir.equals(userScripts)) return "user";
        return "project-root";
    }

    private List<Script> tier(Path dir, String tier, Set<String> shadowing) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.walk(dir, MAX_DEPTH)) {
            return files.filter(Files::isRegularFile).filter(f -> listed(dir.relativize(f))).sorted()
                    .map(f -> {
                        String name = dir.relativize(f).toString().replace('\\', '/');
                        return describe(name, tier, f, shadowing.contains(name));
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scripts in " + dir, e);
        }
    }

    /** Hidden files and READMEs are not scripts. */
    private static boolean listed(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return false;
        String file = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        return !file.startsWith("readme");
    }

    private static Script describe(String name, String tier, Path file, boolean shadowed) {
        return new Script(name, tier, file, interpreter(file), description(file), shadowed);
    }

    /** The interpreter the engine would use, {@code executable}, or null when the engine cannot run it. */
    static String interpreter(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".py")) return "python3";
        if (n.endsWith(".sh")) return "bash";
        if (n.endsWith(".js") || n.endsWith(".mjs")) return "node";
        if (n.endsWith(".rb")) return "ruby";
        return Files.isExecutable(file) ? "executable" : null;
    }

    /** The first comment line after a shebang, or the first line of a Python docstring. */
    static String description(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            Optional<String> first = lines.limit(20).map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#!") && !l.startsWith("# -*-")).findFirst();
            return first.map(ScriptCatalog::commentText).orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static String commentText(String line) {
        String text;
        if (line.startsWith("#")) text = line.replaceFirst("^#+", "");
        else if (line.startsWith("//")) text = line.substring(2);
        else if (line.startsWith("\"\"\"")) text = line.substring(3).replace("\"\"\"", "");
        else return "";
        text = text.strip();
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
}
