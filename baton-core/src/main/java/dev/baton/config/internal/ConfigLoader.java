package dev.baton.config.internal;

import dev.baton.config.internal.YamlKeyCheck;
import dev.baton.config.internal.YamlLimits;
import dev.baton.config.internal.McpServerChecks;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigSources;
import dev.baton.config.internal.ProfileEntryChecks;
import dev.baton.config.ConfigException;
import dev.baton.config.UnreadableTextException;
import dev.baton.config.Utf8TextReader;
import dev.baton.config.BatonPaths;
import dev.baton.config.internal.YamlErrors;
import dev.baton.config.internal.EnvExpander;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code config.yaml} files: the user tier, then the project tier over it. Strings have
 * {@code ${ENV}} expanded. Unknown keys and wrong types fail with file, line and field.
 */
public final class ConfigLoader {

    private final ObjectMapper yaml;
    private final EnvExpander env;
    /** Deserialization attribute: the file being read, so that an unset variable is reported with it. */
    private static final Object SOURCE = new Object();
    private static final Object NO_FILE = new Object();

    public ConfigLoader(EnvExpander env) {
        this.env = env;
        SimpleModule expand = new SimpleModule("baton-env");
        expand.addDeserializer(String.class, new ExpandingStringDeserializer(env));
        expand.addDeserializer(Double.class, new ExpandingNumberDeserializer<>(Double.class, env, Double::valueOf));
        expand.addDeserializer(Integer.class, new ExpandingNumberDeserializer<>(Integer.class, env, Integer::valueOf));
        expand.addDeserializer(Long.class, new ExpandingNumberDeserializer<>(Long.class, env, Long::valueOf));
        expand.addDeserializer(Boolean.class, new ExpandingNumberDeserializer<>(Boolean.class, env, ConfigLoader::bool));
        this.yaml = YamlLimits.mapperBuilder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(expand)
                .build();
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
            BatonConfig read = parse(text, file);
            files.add(new ConfigSources.ConfigFile(file, tier));
            var lines = read.profiles().isEmpty() ? Map.<String, Integer>of() : ProfileEntryChecks.profileLines(text, yaml);
            read.profiles().keySet().forEach(name -> definitions.add(
                    new ConfigSources.ProfileDefinition(name, file, lines.getOrDefault(name, -1), tier)));
            apply(read, Map.of());
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
        if (text.isBlank()) return BatonConfig.EMPTY;
        String oversize = YamlLimits.oversize(text);
        if (oversize != null) throw ConfigException.at(source, -1, -1, oversize);
        try {
            YamlKeyCheck.Finding finding = YamlKeyCheck.firstProblem(yaml, text);
            if (finding != null) throw ConfigException.at(source, finding.line(), finding.column(), finding.message());
        } catch (JacksonException e) {
            YamlErrors.Located syntax = YamlErrors.syntax(e);
            throw ConfigException.at(source, syntax.line(), syntax.column(), "YAML syntax error: " + syntax.message());
        }
        try {
            BatonConfig config = yaml.readerFor(BatonConfig.class).withAttribute(SOURCE, source == null ? NO_FILE : source)
                    .readValue(text);
            if (config == null) return BatonConfig.EMPTY;
            ProfileEntryChecks.check(config, text, source, yaml);
            McpServerChecks.check(config, text, source, yaml);
            return config;
        } catch (UnrecognizedPropertyException e) {
            int line = lineOfKey(text, e.getPropertyName(), e.getLocation() == null ? -1 : e.getLocation().getLineNr());
            String parent = YamlErrors.fieldPath(e).replaceAll("\\.?" + java.util.regex.Pattern.quote(e.getPropertyName()) + "'$", "'");
            throw ConfigException.at(source, line, -1, "unknown key '" + e.getPropertyName() + "' in "
                    + (parent.equals("''") ? "the top level" : parent) + YamlErrors.knownKeys(e.getKnownPropertyIds()));
        } catch (tools.jackson.databind.exc.ValueInstantiationException e) {
            // a value rejected by its record (e.g. a negative price): name the field and the rule
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : YamlErrors.firstLine(e.getOriginalMessage());
            throw ConfigException.at(source, fieldLine(text, keyLine(text, e), why), -1, YamlErrors.fieldPath(e) + ": " + why);
        } catch (MismatchedInputException e) {
            throw mismatch(text, source, e);
        } catch (JacksonException e) {
            YamlErrors.Located where = YamlErrors.syntax(e);
            throw ConfigException.at(source, where.line(), where.column(), where.message());
        }
    }

    /** At the line of the field's key: Jackson reports the value, which may start on a later line. */
    private static ConfigException mismatch(String text, Path source, MismatchedInputException e) {
        TokenStreamLocation loc = e.getLocation();
        int reported = loc == null ? -1 : loc.getLineNr();
        int line = keyLine(text, e);
        int column = line == reported && loc != null ? loc.getColumnNr() : -1;
        return ConfigException.at(source, line, column, YamlErrors.mismatch(e));
    }

    /** The line of the innermost key on {@code e}'s path, else the line Jackson reported. */
    private static int keyLine(String text, JacksonException e) {
        int reported = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        String key = null;
        for (JacksonException.Reference ref : e.getPath()) key = ref.getPropertyName();
        return key == null ? reported : lineOfKey(text, key, reported);
    }

    /**
     * A record that refuses one of its values names it first ({@code "max_tokens: must be ..."}):
     * the line of that key below the record's own line, else the record's line.
     */
    private static int fieldLine(String text, int recordLine, String why) {
        int colon = why.indexOf(':');
        if (recordLine <= 0 || colon <= 0 || !why.substring(0, colon).matches("[a-z_]+")) return recordLine;
        String[] lines = text.split("\n", -1);
        var pattern = java.util.regex.Pattern.compile("^\\s*(- )?\\s*['\"]?" + java.util.regex.Pattern.quote(why.substring(0, colon)) + "['\"]?\\s*:");
        int indent = lines[recordLine - 1].length() - lines[recordLine - 1].stripLeading().length();
        for (int i = recordLine; i < lines.length; i++) {
            String l = lines[i];
            if (!l.isBlank() && l.length() - l.stripLeading().length() <= indent && !l.stripLeading().startsWith("#")) break;
            if (pattern.matcher(l).find()) return i + 1;
        }
        return recordLine;
    }

    /** The line of {@code key:} at or before {@code reported} (Jackson reports the token after it). */
    static int lineOfKey(String text, String key, int reported) {
        String[] lines = text.split("\n", -1);
        var pattern = java.util.regex.Pattern.compile("^\\s*(- )?\\s*['\"]?" + java.util.regex.Pattern.quote(key) + "['\"]?\\s*:");
        for (int i = Math.min(reported <= 0 ? lines.length : reported, lines.length) - 1; i >= 0; i--) {
            if (pattern.matcher(lines[i]).find()) return i + 1;
        }
        return reported;
    }

    private static Boolean bool(String s) {
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new NumberFormatException("not a boolean: " + s);
        };
    }

    /** Numbers and booleans written as strings (for {@code ${ENV}}) are expanded, then parsed. */
    private static final class ExpandingNumberDeserializer<T> extends StdDeserializer<T> {
        private final EnvExpander env;
        private final java.util.function.Function<String, T> parse;
        private final Class<T> type;

        ExpandingNumberDeserializer(Class<T> type, EnvExpander env, java.util.function.Function<String, T> parse) {
            super(type);
            this.type = type;
            this.env = env;
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            var token = p.currentToken();
            if (token == tools.jackson.core.JsonToken.VALUE_STRING) {
                String v = env.expand(p.getString()).strip();
                try {
                    return parse.apply(v);
                } catch (NumberFormatException e) {
                    return (T) ctxt.handleWeirdStringValue(type, v, "not a valid %s", type.getSimpleName());
                }
            }
            if (type == Boolean.class) {
                if (token == tools.jackson.core.JsonToken.VALUE_TRUE) return (T) Boolean.TRUE;
                if (token == tools.jackson.core.JsonToken.VALUE_FALSE) return (T) Boolean.FALSE;
            } else if (token == tools.jackson.core.JsonToken.VALUE_NUMBER_INT
                    || token == tools.jackson.core.JsonToken.VALUE_NUMBER_FLOAT) {
                if (type == Double.class) return (T) Double.valueOf(p.getDoubleValue());
                if (type == Long.class) return (T) Long.valueOf(p.getLongValue());
                if (token == tools.jackson.core.JsonToken.VALUE_NUMBER_INT) return (T) Integer.valueOf(p.getIntValue());
            }
            return (T) ctxt.handleUnexpectedToken(type, p);
        }
    }

    /** Expands {@code ${ENV}} in every string value as it is read. */
    private static final class ExpandingStringDeserializer extends StdDeserializer<String> {
        private final EnvExpander env;

        ExpandingStringDeserializer(EnvExpander env) {
            super(String.class);
            this.env = env;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.currentToken().isScalarValue()) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            Object source = ctxt.getAttribute(SOURCE);
            return env.expand(p.getString(), source instanceof Path file ? file : null,
                    p.currentTokenLocation().getLineNr(), fieldPath(p.streamReadContext()));
        }

        /** {@code providers.groq.api_key}, {@code profiles.a.fallback[1]}. */
        private static String fieldPath(tools.jackson.core.TokenStreamContext ctx) {
            List<String> segments = new ArrayList<>();
            for (var c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
                segments.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : String.valueOf(c.currentName()));
            }
            StringBuilder path = new StringBuilder();
            for (String s : segments) path.append(path.isEmpty() || s.startsWith("[") ? "" : ".").append(s);
            return path.toString();
        }
    }
}
