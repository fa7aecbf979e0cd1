package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.BatonPaths;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigSources;
import dev.baton.config.UnreadableTextException;
import dev.baton.config.Utf8TextReader;
import tools.jackson.core.JacksonException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code config.yaml} files: the user tier, then the project tier over it. Strings have
 * {@code ${ENV}} expanded. Unknown keys and wrong types fail with file, line and field.
 * <p>
 * A file is read into a tree with positions ({@link YamlTreeReader}) and its records built by
 * explicit code per record ({@link ConfigShapes}), not by Jackson's reflective binding: binding
 * records introspects each one and generates method handles and annotation proxies at run time,
 * which no start-up cache holds, and this runs before every command (docs/PERFORMANCE.md §25).
 */
public final class ConfigLoader {

    private final EnvExpander env;

    public ConfigLoader(EnvExpander env) {
        this.env = env;
    }

    /** The merged configuration of every tier that exists. */
    public BatonConfig load(BatonPaths paths) {
        return loadWithSources(paths).config();
    }

    /** A merged configuration and where each part of it came from. */
    public record Loaded(BatonConfig config, ConfigSources sources) {
    }

    /**
     * The merged configuration of every tier that exists, lowest first: llm-orc's global folder,
     * Baton's user tier, the project's {@code .llm-orc/}, the project's {@code .baton/} — so a
     * project wins over a user tier, and within each, Baton's files win over llm-orc's on a name
     * clash. Profiles replace same-named ones whole.
     */
    public Loaded loadWithSources(BatonPaths paths) {
        Layers layers = new Layers();
        paths.llmOrcUserDir().ifPresent(d -> layers.llmOrc(d, "llm-orc-user"));
        if (Files.isRegularFile(paths.userConfigFile())) layers.baton(paths.userConfigFile(), "user");
        paths.llmOrcDir().ifPresent(d -> layers.llmOrc(d, "llm-orc"));
        var project = paths.projectConfigFile();
        if (project.isPresent() && Files.isRegularFile(project.get())) layers.baton(project.get(), "project");
        return layers.done();
    }

    /** The tiers applied one over the other, with what each file defined. */
    private final class Layers {
        private BatonConfig config = BatonConfig.EMPTY;
        private final List<ConfigSources.ConfigFile> files = new ArrayList<>();
        private final List<ConfigSources.ProfileDefinition> definitions = new ArrayList<>();
        private final Map<String, String> unusable = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        void baton(Path file, String tier) {
            String text;
            try {
                text = Utf8TextReader.readFile(file, Utf8TextReader.MAX_YAML_BYTES);
            } catch (UnreadableTextException e) {
                throw new ConfigException(e.getMessage(), e);
            }
            Read read = readText(text, file);
            files.add(new ConfigSources.ConfigFile(file, tier));
            read.config().profiles().keySet().forEach(name -> definitions.add(
                    new ConfigSources.ProfileDefinition(name, file, read.profileLines().getOrDefault(name, -1), tier)));
            apply(read.config(), Map.of());
        }

        void llmOrc(Path dir, String tier) {
            LlmOrcProfileReader.Result read = new LlmOrcProfileReader().read(dir);
            read.files().forEach(f -> files.add(new ConfigSources.ConfigFile(f, tier)));
            read.definitions().forEach(d -> definitions.add(
                    new ConfigSources.ProfileDefinition(d.name(), d.file(), d.line(), tier)));
            LlmOrcProfileMapping.Mapped mapped = new LlmOrcProfileMapping(env).map(read.definitions());
            warnings.addAll(read.warnings());
            warnings.addAll(mapped.warnings());
            apply(mapped.config(), mapped.unusable());
        }

        /** {@code over} wins; a profile it cannot use hides a usable one of a lower tier, as llm-orc's override would. */
        private void apply(BatonConfig over, Map<String, String> overUnusable) {
            config = config.overrideWith(over).withoutProfiles(overUnusable.keySet());
            over.profiles().keySet().forEach(unusable::remove);
            unusable.putAll(overUnusable);
        }

        Loaded done() {
            return new Loaded(config, new ConfigSources(files, definitions, unusable, warnings));
        }
    }

    /** One file: at most {@link Utf8TextReader#MAX_YAML_BYTES} of UTF-8 text. */
    public BatonConfig read(Path file) {
        String text;
        try {
            text = Utf8TextReader.readFile(file, Utf8TextReader.MAX_YAML_BYTES);
        } catch (UnreadableTextException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        return parse(text, file);
    }

    /**
     * YAML text; {@code source} names it in errors. Duplicate keys and aliases are refused, and
     * the size and nesting limits of {@link YamlLimits} apply.
     */
    public BatonConfig parse(String text, Path source) {
        return readText(text, source).config();
    }

    /** One file's configuration and the line of each of its {@code profiles.<name>} keys. */
    private record Read(BatonConfig config, Map<String, Integer> profileLines) {
        static final Read EMPTY = new Read(BatonConfig.EMPTY, Map.of());
    }

    private Read readText(String text, Path source) {
        if (text.isBlank()) return Read.EMPTY;
        String oversize = YamlLimits.oversize(text);
        if (oversize != null) throw ConfigException.at(source, -1, -1, oversize);
        YamlNode root;
        try {
            root = YamlTreeReader.read(text);
        } catch (JacksonException e) {
            YamlErrors.Located syntax = YamlErrors.syntax(e);
            throw ConfigException.at(source, syntax.line(), syntax.column(), "YAML syntax error: " + syntax.message());
        } catch (ConfigProblem p) {
            throw ConfigException.at(source, p.line(), p.column(), p.getMessage());
        }
        if (root == null) return Read.EMPTY;
        BatonConfig config;
        try {
            config = ConfigShapes.CONFIG.read(root, ConfigValue.Site.ROOT, new ConfigReading(env, source));
        } catch (ConfigProblem p) {
            throw ConfigException.at(source, p.line(), p.column(), p.getMessage());
        }
        Map<String, Integer> profileLines = keyLines(root, "profiles");
        ProfileEntryChecks.check(config, profileLines, source);
        McpServerChecks.check(config, keyLines(root, "mcp_servers"), source);
        return new Read(config, profileLines);
    }

    /** The line of each key of the top-level mapping {@code section}, 1-based. */
    private static Map<String, Integer> keyLines(YamlNode root, String section) {
        if (!(root instanceof YamlNode.Mapping top) || !(top.entry(section) instanceof YamlNode.Entry e)
                || !(e.value() instanceof YamlNode.Mapping entries)) {
            return Map.of();
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (YamlNode.Entry entry : entries.entries()) lines.put(entry.key(), entry.line());
        return lines;
    }
}
