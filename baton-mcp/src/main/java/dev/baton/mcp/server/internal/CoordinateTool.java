package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.coordinator.CoordinatorEvent;
import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorResponse;
import dev.baton.coordinator.CoordinatorResponseJson;
import dev.baton.error.BatonException;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code coordinate}: one question to the coordinator ({@code Baton.coordinator()}); each job's
 * end is a progress notification. The structured result is the response's JSON; the text is the
 * same JSON, or the synthesis when {@code coordinator.response_format} is {@code text}.
 */
public final class CoordinateTool {

    private final Baton baton;

    public CoordinateTool(Baton baton) {
        this.baton = baton;
    }

    public ServerTool tool() {
        return new ServerTool("coordinate",
                "Answer a question about the project: a planner picks internal tools (code and documentation context and "
                        + "changelogs, architect advice), runs them in parallel under shares of the cost and time limits, and "
                        + "returns per-job results, a synthesis and budget accounting. Reports progress per job.",
                Schemas.parse("""
                        {"type":"object","required":["query"],"additionalProperties":false,"properties":{
                          "query":{"type":"string","minLength":1,"description":"the question (text or JSON)"},
                          "context":{"type":"string","description":"extra context for the planner"},
                          "max_cost":{"type":"number","minimum":0.10,"maximum":10.00,"description":"cost limit in USD (default: coordinator.max_cost_usd)"},
                          "max_execution_time_seconds":{"type":"integer","minimum":1,"maximum":300,"description":"time limit (default: coordinator.max_execution_time)"},
                          "request_id":{"type":"string","description":"the request's id (default: generated)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["request_id","status","jobs","synthesis","budget"],"properties":{
                          "request_id":{"type":"string"},"status":{"type":"string","enum":["success","partial_success","failed"]},
                          "jobs":{"type":"array"},"results":{"type":"object"},"synthesis":{"type":"string"},
                          "metadata":{"type":"object"},"budget":{"type":"object"},"errors":{"type":"array"},
                          "artifact_dir":{"type":["string","null"]}}}"""),
                this::coordinate);
    }

    private ToolResult coordinate(JsonNode args, ToolCall call) {
        CoordinatorRequest request = new CoordinatorRequest(
                args.hasNonNull("request_id") ? args.path("request_id").asString() : null,
                args.path("query").asString(),
                args.hasNonNull("context") ? args.path("context").asString() : null, java.util.Map.of(),
                args.hasNonNull("max_execution_time_seconds") ? Duration.ofSeconds(args.path("max_execution_time_seconds").asLong()) : null,
                args.hasNonNull("max_cost") ? args.path("max_cost").decimalValue() : null);
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        CoordinatorResponse response;
        try {
            response = baton.coordinator().run(request, event -> {
                if (event instanceof CoordinatorEvent.Planned p) total.set(p.plan().jobs().size());
                if (event instanceof CoordinatorEvent.JobChanged c && c.state().ended()) {
                    call.progress(ended.incrementAndGet(), (double) Math.max(1, total.get()),
                            c.jobId() + " " + c.tool() + " " + c.state().wire());
                }
            });
        } catch (BatonException e) {
            return ToolResult.error(e.code() + ": " + e.getMessage());
        }
        ObjectNode json = CoordinatorResponseJson.write(response);
        boolean text = baton.coordinator().settings().responseFormat().equals("text");
        return ToolResult.structured(json, text ? response.synthesis() : json.toString());
    }

}
