package dev.baton.mcp.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a tool call answers: content for the client to show, optionally the same result as
 * structured JSON (which must match the tool's output schema), and whether it is an error. An error
 * result is an answer, not a protocol failure: the client (and the model behind it) reads it.
 */
public record ToolResult(List<Content> content, @Nullable JsonNode structured, boolean isError) {

    public ToolResult {
        content = List.copyOf(content);
    }

    public static ToolResult text(String text) {
        return new ToolResult(List.of(new Content.Text(text)), null, false);
    }

    public static ToolResult of(Content... content) {
        return new ToolResult(List.of(content), null, false);
    }

    /** A result as structured JSON with {@code text} as its rendering for clients that show only content. */
    public static ToolResult structured(JsonNode structured, String text) {
        return new ToolResult(List.of(new Content.Text(text)), structured, false);
    }

    /** An error answer with {@code message}; say which argument was wrong and what would be right. */
    public static ToolResult error(String message) {
        return new ToolResult(List.of(new Content.Text(message)), null, true);
    }
}
