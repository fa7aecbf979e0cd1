package dev.baton.bench;

import dev.baton.mcp.server.McpServerExtension;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * The floor of {@link McpServeHarness}: an {@code invoke} tool that does none of Baton's work
 * (no ensemble loaded, no engine, no pipeline, no model, no artifacts) but answers as the real one
 * does on the five-agent bench ensemble. It sends the same ten log notifications in the same four
 * bursts (three reviewers started; after the model's latency three finished and the synthesizer
 * started; then the synthesizer finished and the editor started; then the editor finished), waits
 * the scripted model's latency three times on the request's own thread, and returns a structured
 * result with each agent's {@code started_at} and {@code finished_at}. Served by the same Jetty,
 * the same MCP SDK transport and Baton's same MCP layer (guards, sessions, cancellation) as the
 * real tool, it measures what a call costs before Baton does anything.
 */
final class McpFloorTool {

    private static final List<String> REVIEWERS = InvokeTimeline.REVIEWERS;

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
        ObjectNode result = json.createObjectNode().put("ensemble", McpBenchProject.ENSEMBLE).put("status", "completed");
        ObjectNode agents = result.putObject("agents");
        Instant wave = Instant.now();
        for (String r : REVIEWERS) call.log(ToolCall.LogLevel.INFO, "agent " + r + " started");
        Thread.sleep(latencyMs);
        Instant waveEnd = Instant.now();
        int finished = 0;
        for (String r : REVIEWERS) {
            agent(agents, r, wave, waveEnd);
            finished(call, r, ++finished);
        }
        call.log(ToolCall.LogLevel.INFO, "agent synthesizer started");
        Thread.sleep(latencyMs);
        Instant synthEnd = Instant.now();
        agent(agents, "synthesizer", waveEnd, synthEnd);
        finished(call, "synthesizer", ++finished);
        call.log(ToolCall.LogLevel.INFO, "agent editor started");
        Thread.sleep(latencyMs);
        Instant editorEnd = Instant.now();
        agent(agents, "editor", synthEnd, editorEnd);
        finished(call, "editor", ++finished);
        result.put("deliverable", "Looks fine; one nit.");
        return ToolResult.structured(result, "ensemble five completed: Looks fine; one nit.");
    }

    private static void agent(ObjectNode agents, String name, Instant started, Instant finished) {
        agents.putObject(name).put("status", "completed").put("started_at", started.toString())
                .put("finished_at", finished.toString()).put("output", "Looks fine; one nit.");
    }

    private static void finished(ToolCall call, String agent, int finished) {
        call.log(ToolCall.LogLevel.INFO, "agent " + agent + " completed");
        call.progress(finished, 5.0, "agent " + agent + " completed");
    }
}
