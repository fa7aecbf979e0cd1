package dev.baton.bench;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lowest floor of {@link McpServeHarness}: the official MCP Java SDK's own server and Streamable
 * HTTP transport, as they come (default JSON mapper, the SDK's servlet, immediate execution), with
 * no Baton code at all: no request guard, no cancellation filter, no argument or output check. Its
 * one tool, {@code invoke}, answers as {@link McpFloorTool}'s does ({@link McpFloorRun}'s
 * notifications and waits, each agent's times in the structured result).
 */
final class SdkFloorServer {

    private SdkFloorServer() {
    }

    /** Mounts the SDK's server at {@code /mcp} in {@code context}; close the result to end its sessions. */
    static AutoCloseable mount(ServletContextHandler context, long latencyMs) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        McpSchema.Tool tool = McpSchema.Tool.builder().name("invoke").description("Answers as invoke does, doing none of its work")
                .inputSchema(Map.of("type", "object", "properties", Map.of("ensemble", Map.of("type", "string")))).build();
        McpSyncServer server = McpServer.sync(transport).immediateExecution(true)
                .serverInfo("sdk-floor", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).logging().build())
                .tools(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                        .callHandler((exchange, request) -> invoke(exchange, request, latencyMs)).build())
                .build();
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/mcp");
        return server::closeGracefully;
    }

    private static McpSchema.CallToolResult invoke(McpSyncServerExchange exchange, McpSchema.CallToolRequest request, long latencyMs) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        Map<String, McpFloorRun.Times> times;
        try {
            times = McpFloorRun.run(latencyMs, new McpFloorRun.Notices() {
                @Override
                public void log(String message) {
                    exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                            .level(McpSchema.LoggingLevel.INFO).logger("baton").data(message).build());
                }

                @Override
                public void progress(int finished, String message) {
                    if (token != null) exchange.progressNotification(new McpSchema.ProgressNotification(token, finished, 5.0, message));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return McpSchema.CallToolResult.builder().addTextContent("interrupted").isError(true).build();
        }
        Map<String, Object> agents = new LinkedHashMap<>();
        times.forEach((name, t) -> agents.put(name, Map.of("status", "completed", "started_at", t.started().toString(),
                "finished_at", t.finished().toString(), "output", "Looks fine; one nit.")));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ensemble", McpBenchProject.ENSEMBLE);
        result.put("status", "completed");
        result.put("agents", agents);
        result.put("deliverable", "Looks fine; one nit.");
        return McpSchema.CallToolResult.builder().structuredContent(result)
                .content(List.of(new McpSchema.TextContent("ensemble five completed: Looks fine; one nit."))).build();
    }
}
