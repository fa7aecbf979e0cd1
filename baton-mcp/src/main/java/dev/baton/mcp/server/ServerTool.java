package dev.baton.mcp.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A tool the server offers: its name, a description for the model, the JSON Schema of its
 * arguments (kept as written: {@code $schema}, {@code $defs} and the rest reach the client
 * unchanged), optionally the schema of its structured result, and the handler that answers calls.
 */
public record ServerTool(String name, String description, JsonNode inputSchema, @Nullable JsonNode outputSchema,
                         ToolHandler handler) {

    public ServerTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!inputSchema.isObject()) throw new IllegalArgumentException("tool " + name + ": inputSchema must be a JSON object");
        if (outputSchema != null && !outputSchema.isObject()) {
            throw new IllegalArgumentException("tool " + name + ": outputSchema must be a JSON object");
        }
    }

    /** A tool without an output schema. */
    public static ServerTool of(String name, String description, JsonNode inputSchema, ToolHandler handler) {
        return new ServerTool(name, description, inputSchema, null, handler);
    }
}
