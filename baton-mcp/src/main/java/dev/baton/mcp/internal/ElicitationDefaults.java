package dev.baton.mcp.internal;

import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a form elicitation with the defaults its requested schema states: accept with every
 * property's {@code default}, or decline when a required property has none (the server would
 * get a form that does not satisfy its own schema).
 */
public final class ElicitationDefaults {

    private ElicitationDefaults() {
    }

    /** The answer to {@code request}. */
    public static McpSchema.ElicitResult answer(McpSchema.ElicitFormRequest request) {
        Map<String, Object> schema = request.requestedSchema() == null ? Map.of() : request.requestedSchema();
        Map<String, Object> content = new LinkedHashMap<>();
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            for (var p : properties.entrySet()) {
                if (p.getValue() instanceof Map<?, ?> property && property.containsKey("default")) {
                    content.put(String.valueOf(p.getKey()), property.get("default"));
                }
            }
        }
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (!content.containsKey(String.valueOf(name))) {
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
                }
            }
        }
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, content);
    }
}
