package dev.baton.ensemble;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Recognising JSON in agent output (models often wrap it in a Markdown code fence). */
final class JsonText {

    private final JsonMapper mapper;

    JsonText(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON object or array in {@code text}, or null when it holds none. */
    JsonNode parse(String text) {
        if (text == null) return null;
        String t = stripFence(text.strip());
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) return null;
        try {
            return mapper.readTree(t);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Any JSON value in {@code text} (scalars too), or null when it is not JSON. */
    JsonNode parseAny(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return mapper.readTree(stripFence(text.strip()));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The text form of a value as an agent sees it: strings as they are, other JSON as JSON. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "";
        return node.isString() ? node.stringValue() : node.toString();
    }

    private static String stripFence(String t) {
        if (!t.startsWith("```")) return t;
        int firstNewline = t.indexOf('\n');
        int close = t.lastIndexOf("```");
        if (firstNewline < 0 || close <= firstNewline) return t;
        return t.substring(firstNewline + 1, close).strip();
    }
}
