package dev.baton.mcp.internal;

import dev.baton.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class McpResultsTest {

    private static McpSchema.CallToolResult result(List<McpSchema.Content> content, Boolean isError, Object structured) {
        return new McpSchema.CallToolResult(content, isError, structured, null);
    }

    @Test
    void text_parts_are_joined_by_newlines_and_is_error_is_kept() {
        ToolResult r = McpResults.toToolResult(result(List.of(new McpSchema.TextContent("a"), new McpSchema.TextContent("b")),
                true, null));

        assertThat(r.content()).isEqualTo("a\nb");
        assertThat(r.isError()).isTrue();
        assertThat(r.structuredContent()).isNull();
    }

    @Test
    void images_and_audio_are_described_by_type_and_decoded_size() {
        String tenBytes = Base64.getEncoder().encodeToString(new byte[10]);
        ToolResult r = McpResults.toToolResult(result(List.of(
                new McpSchema.ImageContent(null, tenBytes, "image/png"),
                new McpSchema.AudioContent(null, Base64.getEncoder().encodeToString(new byte[9]), "audio/wav")), null, null));

        assertThat(r.content()).isEqualTo("[image: image/png, 10 bytes]\n[audio: audio/wav, 9 bytes]");
        assertThat(r.isError()).isFalse();
    }

    @Test
    void embedded_resources_show_uri_and_text_or_blob_size_and_links_show_uri() {
        ToolResult r = McpResults.toToolResult(result(List.of(
                new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents("file:///a.txt", "text/plain", "hello")),
                new McpSchema.EmbeddedResource(null, new McpSchema.BlobResourceContents("file:///b.bin", "application/octet-stream",
                        Base64.getEncoder().encodeToString(new byte[4]))),
                McpSchema.ResourceLink.builder().uri("test://x").name("x").build()), null, null));

        assertThat(r.content()).isEqualTo("[resource: file:///a.txt, text/plain]\nhello\n"
                + "[resource: file:///b.bin, application/octet-stream, 4 bytes]\n[resource link: test://x (x)]");
    }

    @Test
    void structured_content_is_kept_as_json_and_shown_when_there_is_no_other_content() {
        ToolResult r = McpResults.toToolResult(result(List.of(), false, Map.of("temperature", 21)));

        assertThat(r.structuredContent().get("temperature").asInt()).isEqualTo(21);
        assertThat(r.content()).isEqualTo("{\"temperature\":21}");
    }

    @Test
    void decoded_size_accounts_for_padding() {
        for (int n = 0; n < 8; n++) {
            assertThat(McpResults.decodedSize(Base64.getEncoder().encodeToString(new byte[n]))).isEqualTo(n);
        }
    }
}
