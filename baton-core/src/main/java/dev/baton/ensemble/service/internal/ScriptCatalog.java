package dev.baton.ensemble.service.internal;

import dev.baton.config.BatonPaths;
import dev.baton.ensemble.agent.ScriptResolver;
import dev.baton.ensemble.service.ScriptInfo;
import dev.baton.ensemble.service.ScriptTrial;
import dev.baton.ensemble.service.ScriptTrialResult;
import dev.baton.ensemble.service.Scripts;
import dev.baton.ensemble.service.Tier;

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
 * {@link Scripts} over the project's {@code .baton/scripts}, its {@code .llm-orc/scripts} (listed
 * as llm-orc ensembles name them, {@code scripts/...}) and the user tier's {@code scripts},
 * searched with the engine's own {@link ScriptResolver}, so a script listed here is the one a
 * script agent runs.
 */
public final class ScriptCatalog implements Scripts {

    private static final int MAX_DEPTH = 4;
    private static final int MAX_DESCRIPTION = 100;

    private final Path projectRoot;
    private final Path projectScripts;
    private final Path userScripts;
    private final Path llmOrc;
    private final ScriptTrialRunner trials = new ScriptTrialRunner();

    public ScriptCatalog(BatonPaths paths) {
        this.projectRoot = paths.projectRoot();
        this.projectScripts = projectRoot.resolve(BatonPaths.PROJECT_DIR_NAME).resolve("scripts");
        this.userScripts = paths.userConfigDir().resolve("scripts");
        this.llmOrc = projectRoot.resolve(BatonPaths.LLM_ORC_DIR_NAME);
    }

    private ScriptResolver resolver() {
        return new ScriptResolver(projectRoot, userScripts);
    }

    @Override
    public List<Path> searchPath() {
        return resolver().searchPath();
    }

    @Override
    public List<ScriptInfo> list() {
        List<ScriptInfo> all = new ArrayList<>(tier(projectScripts, Tier.PROJECT, Set.of()));
        Set<String> projectNames = new HashSet<>();
        for (ScriptInfo s : tier(llmOrc.resolve("scripts"), Tier.LLM_ORC, Set.of())) {
            String name = "scripts/" + s.name();
            all.add(new ScriptInfo(name, s.tier(), s.path(), s.interpreter(), s.description(), false));
        }
        all.forEach(s -> projectNames.add(s.name()));
        all.addAll(tier(userScripts, Tier.USER, projectNames));
        return all;
    }

    @Override
    public Optional<ScriptInfo> find(String name) {
        List<String> candidates = new ArrayList<>(List.of(name));
        EXTENSIONS.forEach(ext -> candidates.add(name + ext));
        for (Path dir : searchPath()) {
            for (String c : candidates) {
                Path file = dir.resolve(c).normalize();
                if (Files.isRegularFile(file)) return Optional.of(describe(c, tierOf(dir), file, false));
            }
        }
        return Optional.empty();
    }

    @Override
    public ScriptTrialResult test(ScriptInfo script, ScriptTrial trial) throws IOException, InterruptedException {
        return trials.run(script, resolver().resolve(script.path().toString()), projectRoot, trial);
    }

    private Tier tierOf(Path dir) {
        if (dir.equals(projectScripts)) return Tier.PROJECT;
        if (dir.equals(userScripts)) return Tier.USER;
        if (dir.startsWith(llmOrc)) return Tier.LLM_ORC;
        return Tier.PROJECT_ROOT;
    }

    private List<ScriptInfo> tier(Path dir, Tier tier, Set<String> shadowing) {
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

    private static ScriptInfo describe(String name, Tier tier, Path file, boolean shadowed) {
        return new ScriptInfo(name, tier, file, interpreter(file), description(file), shadowed);
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
