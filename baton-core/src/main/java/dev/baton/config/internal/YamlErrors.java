package dev.baton.config.internal;

import dev.baton.config.internal.YamlLimits;
import dev.baton.config.Utf8TextReader;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Readable pieces of YAML failures: where a syntax error really is and what it says, what a field
 * must be and what was found instead, the field path, the known keys. No Jackson wording reaches
 * the user through these.
 */
public final class YamlErrors {

    /** A 1-based line and column (-1 when unknown) and a message. */
    public record Located(int line, int column, String message) {
    }

    private YamlErrors() {
    }

    /** The field path of a binding failure, e.g. {@code 'models[3].prices.input'}, or "the top level". */
    public static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }

    /** {@code " (known keys: a, b)"}, or an empty string when none are known. */
    public static String knownKeys(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) return "";
        return " (known keys: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    /** The first line of a parser message (the rest repeats the source excerpt). */
    public static String firstLine(String s) {
        if (s == null) return "invalid YAML";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Where a YAML syntax (or limit) error is and the whole problem, e.g. "found character '\t(TAB)'
     * that cannot start any token (while scanning for the next token)". The line comes from the YAML
     * engine's mark of the problem: Jackson's own location is the last good token, often a line early.
     */
    public static Located syntax(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException marked) return located(marked);
        }
        TokenStreamLocation loc = e.getLocation();
        int line = loc == null ? -1 : loc.getLineNr();
        int column = loc == null ? -1 : loc.getColumnNr();
        if (e instanceof StreamConstraintsException) {
            String what = String.valueOf(e.getOriginalMessage());
            if (what.contains("nesting depth")) {
                return new Located(line, column, "nested too deeply: more than " + YamlLimits.MAX_NESTING_DEPTH
                        + " levels of mappings and lists");
            }
            if (what.contains("document length")) {
                return new Located(line, column, "too large: over the limit of "
                        + Utf8TextReader.describeLimit(Utf8TextReader.MAX_YAML_BYTES) + " for YAML files");
            }
        }
        return new Located(line, column, firstLine(e.getOriginalMessage()));
    }

    private static Located located(MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String problem = e.getProblem() == null ? null : e.getProblem().strip();
        String context = e.getContext() == null ? null : e.getContext().strip();
        String message;
        if (problem == null || problem.isEmpty()) {
            message = context == null ? "invalid YAML" : context;
        } else if (context == null || context.isEmpty()) {
            message = problem;
        } else {
            String started = e.getContextMark().filter(c -> !c.equals(mark.orElse(null)))
                    .map(c -> " started at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1)).orElse("");
            message = problem + " (" + context + started + ")";
        }
        return new Located(mark.map(m -> m.getLine() + 1).orElse(-1), mark.map(m -> m.getColumn() + 1).orElse(-1),
                message);
    }

    /** "field 'profiles.fast.model' must be a string, found a mapping" for a binding type mismatch. */
    public static String mismatch(MismatchedInputException e) {
        String expected = expected(e.getTargetType());
        String found;
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            found = "'" + shorten(String.valueOf(f.getValue())) + "'";
        } else if (e.getCurrentToken() != null) {
            found = found(e.getCurrentToken());
        } else {
            found = null;
        }
        String field = fieldPath(e);
        return (field.equals("the top level") ? "the top level" : "field " + field) + " must be " + expected
                + (found == null ? "" : ", found " + found);
    }

    /** What a tree value is, for "found ..." (e.g. "a mapping", "a list", "the number 3", "'text'"). */
    public static String describe(JsonNode n) {
        if (n == null || n.isNull()) return "nothing (null)";
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        if (n.isString()) return "'" + shorten(n.stringValue()) + "'";
        if (n.isBoolean()) return n.booleanValue() ? "true" : "false";
        if (n.isNumber()) return "the number " + n.asString();
        return n.toString();
    }

    private static String found(JsonToken t) {
        return switch (t) {
            case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "a mapping";
            case START_ARRAY, END_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "nothing (null)";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static final Map<Class<?>, String> SCALARS = Map.ofEntries(
            Map.entry(String.class, "a string"), Map.entry(CharSequence.class, "a string"),
            Map.entry(Integer.class, "a whole number"), Map.entry(int.class, "a whole number"),
            Map.entry(Long.class, "a whole number"), Map.entry(long.class, "a whole number"),
            Map.entry(Short.class, "a whole number"), Map.entry(java.math.BigInteger.class, "a whole number"),
            Map.entry(Double.class, "a number"), Map.entry(double.class, "a number"),
            Map.entry(Float.class, "a number"), Map.entry(java.math.BigDecimal.class, "a number"),
            Map.entry(Boolean.class, "true or false"), Map.entry(boolean.class, "true or false"));

    private static String expected(Class<?> type) {
        if (type == null) return "a different kind of value";
        String scalar = SCALARS.get(type);
        if (scalar != null) return scalar;
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT)).toList();
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) return "a list";
        if (Number.class.isAssignableFrom(type)) return "a number";
        return "a mapping";
    }

    private static String shorten(String s) {
        String one = s.replace("\n", " ");
        return one.length() > 40 ? one.substring(0, 37) + "..." : one;
    }
}
