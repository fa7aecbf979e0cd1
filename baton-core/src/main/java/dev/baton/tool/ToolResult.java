package dev.baton.tool;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * What a tool call gave back to the model: text content, whether it is an error the model should
 * react to, structured content when the tool has one, and whether the content was cut at the
 * output cap.
 */
public record ToolResult(String content, boolean isError, @Nullable JsonNode structuredContent, boolean truncated) {

    public ToolResult {
        Objects.requireNonNull(content, "content");
    }

    /** A successful text result. */
    public static ToolResult ok(String content) {
        return new ToolResult(content, false, null, false);
    }

    /** A successful result with structured content and its text rendering. */
    public static ToolResult structured(String content, JsonNode structuredContent) {
        return new ToolResult(content, false, structuredContent, false);
    }

    /** An error the model sees as the call's result. */
    public static ToolResult error(String message) {
        return new ToolResult(message, true, null, false);
    }

    /** This result with its content cut to {@code content} and flagged as truncated. */
    public ToolResult truncatedTo(String content) {
        return new ToolResult(content, isError, structuredContent, true);
    }
}
