package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import dev.baton.operation.OperationMetadata;
import dev.baton.operation.OperationResult;
import dev.baton.operation.Operations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code run_operation}: one operation ({@code feature.operation}) on a JSON input through
 * {@code baton.operations()}. An unknown id is an error naming {@code operation} and listing what
 * exists; an input the input schema refuses is an error naming {@code input} and the field; a
 * response still invalid after its one repair, or a failed call or run, is an error with its code.
 */
public final class RunOperationTool {

    private final Baton baton;

    public RunOperationTool(Baton baton) {
        this.baton = baton;
    }

    public ServerTool tool() {
        return new ServerTool("run_operation",
                "Run a Baton operation (feature.operation, e.g. code.summarize): its input is checked against the operation's"
                        + " input schema, and its result is JSON valid against its response schema. The MCP prompts list the operations.",
                Schemas.parse("""
                        {"type":"object","required":["operation"],"additionalProperties":false,"properties":{
                          "operation":{"type":"string","minLength":1,"description":"the operation's id, FEATURE.OPERATION"},
                          "input":{"type":"object","description":"the input, valid against the operation's input schema (default {})"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["operation","result","metadata"],"properties":{
                          "operation":{"type":"string"},"result":{},
                          "metadata":{"type":"object","required":["mode","duration_ms","models","usage"],"properties":{
                            "mode":{"enum":["monolithic","agentic"]},"duration_ms":{"type":"integer"},
                            "models":{"type":"array","items":{"type":"string"}},"usage":%s,"cost_usd":{"type":"number"},
                            "ensemble":{"type":"string"},"run_id":{"type":"string"}}}}}""".formatted(UsageJson.SCHEMA)),
                (args, call) -> run(args));
    }

    private ToolResult run(JsonNode args) {
        String id = args.path("operation").asString();
        JsonNode input = args.hasNonNull("input") ? args.get("input") : Schemas.object();
        Operations ops = baton.operations();
        try {
            input = ops.checkInput(id, input);
        } catch (BatonException e) {
            boolean unknown = e.code() == ErrorCode.UNKNOWN_FEATURE || e.code() == ErrorCode.UNKNOWN_OPERATION;
            return ToolErrors.field(unknown ? "operation" : "input", e.code() + ": " + e.getMessage());
        }
        OperationResult r;
        try {
            r = ops.run(id, input);
        } catch (BatonException e) {
            return ToolResult.error(e.code() + ": " + e.getMessage() + e.suggestion().map(s -> " (" + s + ")").orElse(""));
        }
        ObjectNode out = Schemas.object().put("operation", r.operation());
        out.set("result", r.result());
        out.set("metadata", metadata(r.metadata()));
        return ToolResult.structured(out, Schemas.pretty(r.result()));
    }

    private static ObjectNode metadata(OperationMetadata m) {
        ObjectNode o = Schemas.object().put("mode", m.mode().label()).put("duration_ms", m.duration().toMillis());
        m.models().forEach(o.putArray("models")::add);
        o.set("usage", UsageJson.of(m.usage()));
        if (m.costUsd() != null) o.put("cost_usd", m.costUsd());
        if (m.ensemble() != null) o.put("ensemble", m.ensemble());
        if (m.runId() != null) o.put("run_id", m.runId());
        return o;
    }
}
