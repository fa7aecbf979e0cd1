package dev.baton.llm;

import java.util.Objects;

/**
 * A model's request to call a tool: a call id (unique within a response), the tool name and the
 * arguments as a JSON object text.
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        if (argumentsJson == null || argumentsJson.isBlank()) argumentsJson = "{}";
    }
}
