package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The way {@code config.yaml} was read before session 10, kept as the reference the new reader
 * is compared with ({@link ConfigReaderEquivalenceTest}): Jackson's reflective record binding with
 * the {@code ${ENV}}-expanding deserializers, after a streaming pass that refuses duplicate keys
 * and aliases. Test scope only.
 */
final class JacksonConfigReference {

    private final ObjectMapper yaml;
    /** Deserialization attribute: the file being read, so that an unset variable is reported with it. */
    private static final Object SOURCE = new Object();
    private static final Object NO_FILE = new Object();

    JacksonConfigReference(EnvExpander env) {
        this(() -> env);
    }

    /** Reads with whichever expander {@code env} gives at the time (one mapper for many documents). */
    JacksonConfigReference(java.util.function.Supplier<EnvExpander> env) {
        SimpleModule expand = new SimpleModule("baton-env");
        expand.addDeserializer(String.class, new ExpandingStringDeserializer(env));
        expand.addDeserializer(Double.class, new ExpandingNumberDeserializer<>(Double.class, env, Double::valueOf));
        expand.addDeserializer(Integer.class, new ExpandingNumberDeserializer<>(Integer.class, env, Integer::valueOf));
        expand.addDeserializer(Long.class, new ExpandingNumberDeserializer<>(Long.class, env, Long::valueOf));
        expand.addDeserializer(Boolean.class, new ExpandingNumberDeserializer<>(Boolean.class, env, JacksonConfigReference::bool));
        this.yaml = YamlLimits.mapperBuilder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(expand)
                .build();
    }

    BatonConfig parse(String text, Path source) {
        if (text.isBlank()) return BatonConfig.EMPTY;
        String oversize = YamlLimits.oversize(text);
        if (oversize != null) throw ConfigException.at(source, -1, -1, oversize);
        try {
            KeyCheck.Finding finding = KeyCheck.firstProblem(yaml, text);
            if (finding != null) throw ConfigException.at(source, finding.line(), finding.column(), finding.message());
        } catch (JacksonException e) {
            YamlErrors.Located syntax = YamlErrors.syntax(e);
            throw ConfigException.at(source, syntax.line(), syntax.column(), "YAML syntax error: " + syntax.message());
        }
        try {
            BatonConfig config = yaml.readerFor(BatonConfig.class).withAttribute(SOURCE, source == null ? NO_FILE : source)
                    .readValue(text);
            if (config == null) return BatonConfig.EMPTY;
            ProfileEntryChecks.check(config, sectionLines(text, "profiles"), source);
            McpServerChecks.check(config, sectionLines(text, "mcp_servers"), source);
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
        private final java.util.function.Supplier<EnvExpander> env;
        private final java.util.function.Function<String, T> parse;
        private final Class<T> type;

        ExpandingNumberDeserializer(Class<T> type, java.util.function.Supplier<EnvExpander> env, java.util.function.Function<String, T> parse) {
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
                String v = env.get().expand(p.getString()).strip();
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
        private final java.util.function.Supplier<EnvExpander> env;

        ExpandingStringDeserializer(java.util.function.Supplier<EnvExpander> env) {
            super(String.class);
            this.env = env;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.currentToken().isScalarValue()) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            Object source = ctxt.getAttribute(SOURCE);
            return env.get().expand(p.getString(), source instanceof Path file ? file : null,
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

    /** The line of each key of the top-level mapping {@code section} (the old streaming pass). */
    static Map<String, Integer> sectionLines(String text, String section) {
        Map<String, Integer> lines = new java.util.HashMap<>();
        try (JsonParser parser = YamlLimits.mapperBuilder().build().createParser(text)) {
            for (tools.jackson.core.JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t != tools.jackson.core.JsonToken.PROPERTY_NAME) continue;
                var parent = parser.streamReadContext().getParent();
                if (parent != null && parent.getParent() != null && parent.getParent().inRoot()
                        && section.equals(parent.currentName())) {
                    lines.putIfAbsent(parser.currentName(), parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (RuntimeException e) {
            // lines are a nicety
        }
        return lines;
    }

    static final class KeyCheck {

        /** What the pass found wrong, with its 1-based line and column. */
        record Finding(int line, int column, String message) {
        }

        private KeyCheck() {
        }

        /** The first duplicate key or alias of {@code text}, or null; throws Jackson's exception on bad syntax. */
        static Finding firstProblem(ObjectMapper yaml, String text) {
            Deque<Set<String>> keys = new ArrayDeque<>();
            try (JsonParser p = yaml.createParser(text)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                        return at(p, "YAML aliases are not supported ('*" + p.getString()
                                + "'): write the value out in full");
                    }
                    switch (t) {
                        case START_OBJECT -> keys.push(new HashSet<>());
                        case START_ARRAY -> keys.push(Set.of());
                        case END_OBJECT, END_ARRAY -> keys.pop();
                        case PROPERTY_NAME -> {
                            String key = p.currentName();
                            if (!keys.peek().add(key)) {
                                return at(p, "duplicate key '" + key + "' in " + where(p));
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            return null;
        }

        /** The path of the mapping that holds the current key, e.g. {@code 'profiles.fast'}. */
        private static String where(JsonParser p) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (var c = p.streamReadContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.currentName() != null) parts.add("." + c.currentName());
                else if (c.inArray()) parts.add("[" + c.getCurrentIndex() + "]");
            }
            if (parts.isEmpty()) return "the top level";
            java.util.Collections.reverse(parts);
            String joined = String.join("", parts);
            return "'" + (joined.startsWith(".") ? joined.substring(1) : joined) + "'";
        }

        private static Finding at(JsonParser p, String message) {
            var loc = p.currentTokenLocation();
            return new Finding(loc.getLineNr(), loc.getColumnNr(), message);
        }
    }
}
