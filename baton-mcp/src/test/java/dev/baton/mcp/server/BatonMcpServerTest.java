package dev.baton.mcp.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building a server from extensions. */
class BatonMcpServerTest {

    @Test
    void two_extensions_registering_the_same_tool_name_fail_at_build_naming_it() {
        McpServerExtension one = r -> r.tool(ServerTool.of("echo", "first", ConformanceFixtures.schema("{\"type\":\"object\"}"),
                (args, call) -> ToolResult.text("1")));
        McpServerExtension two = r -> r.tool(ServerTool.of("echo", "second", ConformanceFixtures.schema("{\"type\":\"object\"}"),
                (args, call) -> ToolResult.text("2")));

        assertThatThrownBy(() -> BatonMcpServer.builder().extension(one).extension(two).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool 'echo' is registered twice");
    }

    @Test
    void a_tool_schema_that_is_not_an_object_is_refused_naming_the_tool() {
        assertThatThrownBy(() -> ServerTool.of("bad", "d", ConformanceFixtures.schema("[1]"), (args, call) -> ToolResult.text("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool bad: inputSchema");
    }

    @Test
    void resource_content_holds_exactly_one_of_text_and_blob() {
        assertThatThrownBy(() -> new ResourceContent("x://y", "text/plain", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x://y");
    }
}
