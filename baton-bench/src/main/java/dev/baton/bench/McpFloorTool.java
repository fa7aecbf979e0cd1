package dev.baton.bench;

import dev.baton.mcp.server.McpServerExtension;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor of {@link McpServeHarness}: an {@code invoke} tool that does none of Baton's work
 * (no ensemble loaded, no engine, no pipeline, no model, no artifacts) but answers as the real one
 * does on the five-agent bench ensemble: {@link McpFloorRun}'s notifications and waits, then a
 * structured result with each agent's {@code started_at} and {@code finished_at}. Served by the same Jetty,
 * the same MCP SDK transport and Baton's same MCP layer (guards, sessions, cancellation) as the
 * real tool, it measures what a call costs before Baton does anything.
 */
final class McpFloorTool {

    private McpFloorTool() {
    }

    /** The extension registering the floor's {@code invoke}, each model wait {@code latencyMs} long. */
    static McpServerExtension extension(long latencyMs) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode input = json.createObjectNode().put("type", "object");
        input.putObject("properties").putObject("ensemble").put("type", "string");
        return registry -> registry.tool(ServerTool.of("invoke", "Answers as invoke does, doing none of its work",
                input, (args, call) -> invoke(json, call, latencyMs)));
    }

    private static ToolResult invoke(JsonMapper json, ToolCall call, long latencyMs) throws InterruptedException {
        var times = McpFloorRun.run(latencyMs, new McpFloorRun.Notices() {
            @Override
            public void log(String message) {
                call.log(ToolCall.LogLevel.INFO, message);
            }

            @Override
            public void progress(int finished, String message) {
                call.progress(finished, 5.0, message);
            }
        });
        ObjectNode result = json.createObjectNode().put("ensemble", McpBenchProject.ENSEMBLE).put("status", "completed");
        ObjectNode agents = result.putObject("agents");
        times.forEach((name, t) -> agents.putObject(name).put("status", "completed").put("started_at", t.started().toString())
                .put("finished_at", t.finished().toString()).put("output", "Looks fine; one nit."));
        result.put("deliverable", "Looks fine; one nit.");
        return ToolResult.structured(result, "ensemble five completed: Looks fine; one nit.");
    }
}
