package dev.baton.config.internal;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonToken;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The kinds of values {@code config.yaml} holds, read as the configuration has always been read:
 * a string is any scalar's text with {@code ${ENV}} expanded; a number or a true/false may also be
 * written as a string (so that it can come from {@code ${ENV}}); lists, mappings and free-form
 * {@code options} keep document order. A null (empty) value is null; a null inside a list or a
 * mapping stays null there.
 */
final class ConfigValues {

    private ConfigValues() {
    }

    /** Any scalar as text, {@code ${ENV}} expanded (unset variables remembered with file, line and field). */
    static final ConfigValue<String> STRING = new ConfigValue<>() {
        @Override
        public String read(YamlNode node, Site site, ConfigReading reading) {
            if (!(node instanceof YamlNode.Scalar s)) throw mismatch(node, site);
            return reading.expand(s, site);
        }

        @Override
        public String expected() {
            return "a string";
        }
    };

    /** A number; an {@code int} is widened, a string parsed after expansion. */
    static final ConfigValue<Double> DOUBLE = new NumberValue<>("a number", Double::valueOf) {
        @Override
        Double fromNumber(YamlNode.Scalar s, Site site) {
            return s.number().doubleValue();
        }
    };

    /** A whole number in {@code int} range. */
    static final ConfigValue<Integer> INTEGER = new NumberValue<>("a whole number", Integer::valueOf) {
        @Override
        Integer fromNumber(YamlNode.Scalar s, Site site) {
            if (s.token() != JsonToken.VALUE_NUMBER_INT) throw mismatch(s, site);
            if (!(s.number() instanceof Integer i)) throw outOfRange(s, site, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return i;
        }
    };

    /** A whole number in {@code long} range (a fractional number is cut to its whole part, as it always was). */
    static final ConfigValue<Long> LONG = new NumberValue<>("a whole number", Long::valueOf) {
        @Override
        Long fromNumber(YamlNode.Scalar s, Site site) {
            Number n = s.number();
            if (n instanceof Integer || n instanceof Long) return n.longValue();
            if (n instanceof Double d && d >= Long.MIN_VALUE && d <= Long.MAX_VALUE) return d.longValue();
            throw outOfRange(s, site, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    };

    /** {@code true}/{@code false}; as a string also yes/no, on/off, 1/0. */
    static final ConfigValue<Boolean> BOOLEAN = new NumberValue<>("true or false", ConfigValues::bool) {
        @Override
        Boolean fromNumber(YamlNode.Scalar s, Site site) {
            throw mismatch(s, site);
        }

        @Override
        Boolean fromToken(YamlNode.Scalar s, Site site) {
            if (s.token() == JsonToken.VALUE_TRUE) return Boolean.TRUE;
            if (s.token() == JsonToken.VALUE_FALSE) return Boolean.FALSE;
            throw mismatch(s, site);
        }
    };

    /** Every string of a list; null items stay null. */
    static final ConfigValue<List<String>> STRING_LIST = listOf(STRING);

    /**
     * A list of strings, or one string standing for a list of one ({@code fallback: fast}).
     */
    static final ConfigValue<List<String>> STRING_OR_LIST = new ConfigValue<>() {
        @Override
        public List<String> read(YamlNode node, Site site, ConfigReading reading) {
            if (node instanceof YamlNode.Sequence) return STRING_LIST.read(node, site, reading);
            if (node instanceof YamlNode.Scalar s) return new ArrayList<>(List.of(reading.expand(s, site)));
            throw site.mismatch(node, STRING.expected(), YamlNode.kind(node));
        }

        @Override
        public String expected() {
            return "a list";
        }
    };

    /** A mapping of strings. */
    static final ConfigValue<Map<String, String>> STRING_MAP = mapOf(STRING);

    /** A mapping of string lists ({@code routing:}). */
    static final ConfigValue<Map<String, List<String>>> STRING_LIST_MAP = mapOf(STRING_LIST);

    /**
     * A free-form mapping ({@code options:}): strings expanded, whole numbers as {@link Integer},
     * {@link Long} or {@link BigInteger} by size, other numbers as {@link Double}, true/false as
     * {@link Boolean}, nested mappings and lists as {@link LinkedHashMap} and {@link ArrayList}.
     */
    static final ConfigValue<Map<String, Object>> OBJECT_MAP = mapOf(new ConfigValue<>() {
        @Override
        public Object read(YamlNode node, Site site, ConfigReading reading) {
            return untyped(node, site, reading);
        }

        @Override
        public String expected() {
            return "a value";
        }
    });

    /** A list of {@code item}s; null items stay null. */
    static <T> ConfigValue<List<T>> listOf(ConfigValue<T> item) {
        return new ConfigValue<>() {
            @Override
            public List<T> read(YamlNode node, Site site, ConfigReading reading) {
                if (!(node instanceof YamlNode.Sequence seq)) throw mismatch(node, site);
                List<T> out = new ArrayList<>(seq.items().size());
                for (int i = 0; i < seq.items().size(); i++) out.add(nullable(item, seq.items().get(i), site.index(i), reading));
                return out;
            }

            @Override
            public String expected() {
                return "a list";
            }
        };
    }

    /** A mapping of names to {@code value}s, in document order; null values stay null. */
    static <T> ConfigValue<Map<String, T>> mapOf(ConfigValue<T> value) {
        return new ConfigValue<>() {
            @Override
            public Map<String, T> read(YamlNode node, Site site, ConfigReading reading) {
                if (!(node instanceof YamlNode.Mapping m)) throw mismatch(node, site);
                Map<String, T> out = new LinkedHashMap<>();
                for (YamlNode.Entry e : m.entries()) out.put(e.key(), nullable(value, e.value(), site.key(e), reading));
                return out;
            }

            @Override
            public String expected() {
                return "a mapping";
            }
        };
    }

    /** {@code kind}'s value of {@code node}, or null for a null node. */
    static <T> @Nullable T nullable(ConfigValue<T> kind, YamlNode node, ConfigValue.Site site, ConfigReading reading) {
        return node instanceof YamlNode.Scalar s && s.isNull() ? null : kind.read(node, site, reading);
    }

    private static @Nullable Object untyped(YamlNode node, ConfigValue.Site site, ConfigReading reading) {
        return switch (node) {
            case YamlNode.Mapping m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (YamlNode.Entry e : m.entries()) out.put(e.key(), untyped(e.value(), site.key(e), reading));
                yield out;
            }
            case YamlNode.Sequence seq -> {
                List<Object> out = new ArrayList<>(seq.items().size());
                for (int i = 0; i < seq.items().size(); i++) out.add(untyped(seq.items().get(i), site.index(i), reading));
                yield out;
            }
            case YamlNode.Scalar s -> switch (s.token()) {
                case VALUE_STRING -> reading.expand(s, site);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> s.number();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> null;
            };
        };
    }

    private static Boolean bool(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new NumberFormatException("not a boolean: " + s);
        };
    }

    /**
     * A number or true/false: written as such, or as a string (expanded, stripped, then parsed;
     * one that does not parse is named in the error).
     */
    private abstract static class NumberValue<T> implements ConfigValue<T> {
        private final String expected;
        private final Function<String, T> parse;

        NumberValue(String expected, Function<String, T> parse) {
            this.expected = expected;
            this.parse = parse;
        }

        @Override
        public String expected() {
            return expected;
        }

        @Override
        public T read(YamlNode node, Site site, ConfigReading reading) {
            if (!(node instanceof YamlNode.Scalar s)) throw mismatch(node, site);
            if (s.token() == JsonToken.VALUE_STRING) {
                String v = reading.env().expand(s.text()).strip();
                try {
                    return parse.apply(v);
                } catch (NumberFormatException e) {
                    throw site.mismatch(s, expected, "'" + shorten(v) + "'");
                }
            }
            return fromToken(s, site);
        }

        T fromToken(YamlNode.Scalar s, Site site) {
            if (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT) return fromNumber(s, site);
            throw mismatch(s, site);
        }

        abstract T fromNumber(YamlNode.Scalar s, Site site);

        ConfigProblem outOfRange(YamlNode.Scalar s, Site site, long min, long max) {
            return site.mismatch(s, expected + " from " + min + " to " + max, "'" + shorten(s.text()) + "'");
        }
    }

    static String shorten(String s) {
        String one = s.replace("\n", " ");
        return one.length() > 40 ? one.substring(0, 37) + "..." : one;
    }
}
