package dev.baton.mcp.server.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON for the Baton tools: schemas written as JSON text, results built as nodes. */
final class Schemas {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Schemas() {
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    static ArrayNode array() {
        return F.arrayNode();
    }

    /** {@code node} pretty-printed, the text rendering of a structured result. */
    static String pretty(JsonNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
