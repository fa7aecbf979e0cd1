package dev.baton.mcp;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.ObjectNode;

/** One tool of an MCP server: {@code NAME.TOOL}, with the server's description and input schema. */
record McpTool(McpToolSource source, String name, String remoteName, String description, String parametersSchema,
               ToolCategory category) implements Tool {

    @Override
    public ToolResult call(ObjectNode arguments, ToolContext context) throws InterruptedException {
        return source.call(remoteName, arguments, context);
    }

    @Override
    public String toString() {
        return "McpTool[" + name + "]";
    }
}
