package dev.baton.config.internal;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonToken;

import java.util.List;

/**
 * A YAML document as a tree that keeps where each part was written (1-based line and column),
 * so the readers of {@code config.yaml} can name the line of a key and of its value. Scalars keep
 * the YAML reader's own typing (text, whole number, number, true/false, null).
 */
sealed interface YamlNode {

    int line();

    int column();

    /** A mapping, its entries in document order (keys are unique: duplicates are refused when read). */
    record Mapping(List<Entry> entries, int line, int column) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        /** The entry for {@code key}, or null. */
        @Nullable Entry entry(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) return e;
            }
            return null;
        }
    }

    /** One {@code key: value} of a mapping, with where the key was written. */
    record Entry(String key, int line, int column, YamlNode value) {
    }

    /** A list. */
    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar as the YAML reader typed it: {@code token} is one of the value tokens, {@code text}
     * what was written (for null: whatever stood for it), {@code number} the value of a number
     * (an {@link Integer}, {@link Long} or {@link java.math.BigInteger} for whole numbers, a
     * {@link Double} otherwise), else null.
     */
    record Scalar(JsonToken token, String text, @Nullable Number number, int line, int column) implements YamlNode {

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /** What a node is, for "found ..." in an error: "a mapping", "a list", "text", "a number"... */
    static String kind(YamlNode node) {
        return switch (node) {
            case Mapping m -> "a mapping";
            case Sequence s -> "a list";
            case Scalar s -> switch (s.token()) {
                case VALUE_STRING -> s.text().isEmpty() ? "''" : "text";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true or false";
                case VALUE_NULL -> "nothing (null)";
                default -> s.token().name().toLowerCase(java.util.Locale.ROOT);
            };
        };
    }
}
