package dev.baton.mcp.internal;

import dev.baton.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an MCP tool result into a {@link ToolResult}: text content joined by newlines, other
 * content described in one bracketed line each (image and audio: type and size; an embedded
 * resource: its URI and its text; a resource link: its URI), {@code isError} kept, and
 * structured content kept as JSON (and shown as the text when there is no other content).
 */
public final class McpResults {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private McpResults() {
    }

    public static ToolResult toToolResult(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        if (result.content() != null) {
            for (McpSchema.Content c : result.content()) parts.add(describe(c));
        }
        JsonNode structured = result.structuredContent() == null ? null : JSON.valueToTree(result.structuredContent());
        if (parts.isEmpty() && structured != null) parts.add(structured.toString());
        boolean error = Boolean.TRUE.equals(result.isError());
        return new ToolResult(String.join("\n", parts), error, structured, false);
    }

    static String describe(McpSchema.Content content) {
        return switch (content) {
            case McpSchema.TextContent t -> t.text() == null ? "" : t.text();
            case McpSchema.ImageContent i -> "[image: " + i.mimeType() + ", " + decodedSize(i.data()) + " bytes]";
            case McpSchema.AudioContent a -> "[audio: " + a.mimeType() + ", " + decodedSize(a.data()) + " bytes]";
            case McpSchema.EmbeddedResource r -> resource(r.resource());
            case McpSchema.ResourceLink l -> "[resource link: " + l.uri()
                    + (l.name() == null ? "" : " (" + l.name() + ")") + "]";
            default -> "[" + content.type() + " content]";
        };
    }

    private static String resource(McpSchema.ResourceContents contents) {
        String mime = contents.mimeType() == null ? "" : ", " + contents.mimeType();
        return switch (contents) {
            case McpSchema.TextResourceContents t -> "[resource: " + t.uri() + mime + "]\n" + (t.text() == null ? "" : t.text());
            case McpSchema.BlobResourceContents b -> "[resource: " + b.uri() + mime + ", " + decodedSize(b.blob()) + " bytes]";
            default -> "[resource: " + contents.uri() + mime + "]";
        };
    }

    /** Bytes that {@code base64} stands for, without decoding it. */
    static long decodedSize(String base64) {
        if (base64 == null) return 0;
        String s = base64.strip();
        int padding = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        return Math.max(0, (long) s.length() * 3 / 4 - padding);
    }
}
