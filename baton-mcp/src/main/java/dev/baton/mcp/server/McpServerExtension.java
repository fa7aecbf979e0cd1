package dev.baton.mcp.server;

/**
 * A contribution to Baton's MCP server: its tools, resources, resource templates and prompts,
 * added to the registry when the server is built. Baton's own tools come in through one of these;
 * so can a Java user's, by passing theirs to {@link BatonMcpServer.Builder#extension}.
 *
 * <pre>{@code
 * McpServerExtension greeting = registry -> registry.tool(ServerTool.of(
 *         "greet", "Says hello", schema, (args, call) -> ToolResult.text("Hello, " + args.path("name").asString())));
 * }</pre>
 */
@FunctionalInterface
public interface McpServerExtension {

    /** Adds this extension's features to {@code registry}; a name already taken is an error. */
    void register(McpServerRegistry registry);
}
