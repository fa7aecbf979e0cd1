package dev.baton.ensemble.run.internal;

import dev.baton.pipeline.internal.JsonOutputValidator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Recognising JSON in agent output (models often wrap it in a Markdown code fence). */
public final class JsonText {

    private final JsonMapper mapper;

    public JsonText(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON object or array in {@code text}, or null when it holds none. */
    JsonNode parse(String text) {
        if (text == null) return null;
        String t = JsonOutputValidator.stripFence(text);
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) return null;
        try {
            return mapper.readTree(t);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Any JSON value in {@code text} (scalars too), or null when it is not JSON. */
    public JsonNode parseAny(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return mapper.readTree(JsonOutputValidator.stripFence(text));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The text form of a value as an agent sees it: strings as they are, other JSON as JSON. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "";
        return node.isString() ? node.stringValue() : node.toString();
    }

}
