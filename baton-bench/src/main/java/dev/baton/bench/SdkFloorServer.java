package dev.baton.bench;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lowest floor of {@link McpServeHarness}: the official MCP Java SDK's own server and Streamable
 * HTTP transport, as they come (default JSON mapper, the SDK's servlet, immediate execution), with
 * no Baton code at all: no request guard, no cancellation filter, no argument or output check. Its
 * one tool, {@code invoke}, answers as {@link McpFloorTool}'s does: ten log notifications in the
 * real run's four bursts, the scripted model's latency three times, and each agent's times in the
 * structured result.
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
        Map<String, Object> agents = new LinkedHashMap<>();
        try {
            Instant wave = Instant.now();
            for (String r : InvokeTimeline.REVIEWERS) log(exchange, "agent " + r + " started");
            Thread.sleep(latencyMs);
            Instant waveEnd = Instant.now();
            int finished = 0;
            for (String r : InvokeTimeline.REVIEWERS) {
                agents.put(r, agent(wave, waveEnd));
                finished(exchange, token, r, ++finished);
            }
            log(exchange, "agent synthesizer started");
            Thread.sleep(latencyMs);
            Instant synthEnd = Instant.now();
            agents.put("synthesizer", agent(waveEnd, synthEnd));
            finished(exchange, token, "synthesizer", ++finished);
            log(exchange, "agent editor started");
            Thread.sleep(latencyMs);
            Instant editorEnd = Instant.now();
            agents.put("editor", agent(synthEnd, editorEnd));
            finished(exchange, token, "editor", ++finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return McpSchema.CallToolResult.builder().addTextContent("interrupted").isError(true).build();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ensemble", McpBenchProject.ENSEMBLE);
        result.put("status", "completed");
        result.put("agents", agents);
        result.put("deliverable", "Looks fine; one nit.");
        return McpSchema.CallToolResult.builder().structuredContent(result)
                .content(List.of(new McpSchema.TextContent("ensemble five completed: Looks fine; one nit."))).build();
    }

    private static Map<String, Object> agent(Instant started, Instant finished) {
        return Map.of("status", "completed", "started_at", started.toString(), "finished_at", finished.toString(),
                "output", "Looks fine; one nit.");
    }

    private static void log(McpSyncServerExchange exchange, String message) {
        exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                .level(McpSchema.LoggingLevel.INFO).logger("baton").data(message).build());
    }

    private static void finished(McpSyncServerExchange exchange, Object token, String agent, int finished) {
        log(exchange, "agent " + agent + " completed");
        if (token != null) exchange.progressNotification(new McpSchema.ProgressNotification(token, finished, 5.0, "agent " + agent + " completed"));
    }
}
