package dev.baton.mcp.server;

import tools.jackson.databind.JsonNode;

/** Runs one call of a {@link ServerTool}. */
@FunctionalInterface
public interface ToolHandler {

    /**
     * Answers a call with {@code arguments} (a JSON object, empty when the client sent none).
     * Bad arguments should come back as {@link ToolResult#error} naming the field; an exception
     * thrown here also becomes an error result (its message only), never a broken session.
     */
    ToolResult call(JsonNode arguments, ToolCall call) throws Exception;
}
