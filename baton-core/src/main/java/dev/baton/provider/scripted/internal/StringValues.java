package dev.baton.provider.scripted.internal;

import tools.jackson.databind.JsonNode;

import java.util.Optional;

/** Chooses a string for a string schema: a format sample, a pattern match, or readable sample text fitted to the length bounds. */
final class StringValues {

    private StringValues() {
    }

    static String of(JsonNode schema, String name, int ordinal) {
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        String pattern = schema.path("pattern").isString() ? schema.get("pattern").asString() : null;
        if (schema.path("format").isString()) {
            String sample = StringFormats.sample(schema.get("format").asString(), name, ordinal);
            if (sample != null && fits(sample, min, max) && (pattern == null || SchemaCheck.finds(pattern, sample))) {
                return sample;
            }
        }
        if (pattern != null) {
            Optional<String> match = PatternStringGenerator.generate(pattern, min, max, ordinal);
            if (match.isPresent()) return match.get();
        }
        return fit(plain(name, ordinal), min, max);
    }

    /** Readable text naming what it stands for: {@code sample title}, {@code sample title 2}. */
    static String plain(String name, int ordinal) {
        String base = "sample " + (name == null || name.isBlank() ? "text" : name);
        return ordinal == 0 ? base : base + " " + (ordinal + 1);
    }

    private static boolean fits(String text, int min, int max) {
        int length = text.codePointCount(0, text.length());
        return length >= min && length <= max;
    }

    private static String fit(String text, int min, int max) {
        StringBuilder sb = new StringBuilder(text);
        while (sb.length() < min) sb.append(' ').append(text);
        return sb.length() > max ? sb.substring(0, Math.max(0, max)) : sb.toString();
    }
}
