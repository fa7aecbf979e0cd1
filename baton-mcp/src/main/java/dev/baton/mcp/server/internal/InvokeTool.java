package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.artifact.ArtifactRef;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.BatonException;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code invoke}: runs an ensemble on an input through {@code baton.ensembles().run(...)}, reporting
 * each agent's end as a progress notification ({@code progress} agents finished of {@code total})
 * and each agent's start and end as a log message, and answers with the run's status, deliverable,
 * per-agent results, usage, cost and artifact id. An interrupted call cancels the run.
 */
public final class InvokeTool {

    private final Baton baton;

    public InvokeTool(Baton baton) {
        this.baton = baton;
    }

    public ServerTool tool() {
        return new ServerTool("invoke",
                "Run an ensemble of agents on an input and return its deliverable, every agent's result, usage, cost and the artifact id. Reports progress per agent.",
                Schemas.parse("""
                        {"type":"object","required":["ensemble"],"additionalProperties":false,"properties":{
                          "ensemble":{"type":"string","minLength":1,"description":"the ensemble's name or YAML file"},
                          "input":{"type":"string","description":"the input (default: the ensemble's default_task)"},
                          "max_concurrency":{"type":"integer","minimum":1,"description":"agents running at once"},
                          "budget_usd":{"type":"number","exclusiveMinimum":0,"description":"stop starting agents once this is spent"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["run_id","ensemble","status","usage","cost_usd","agents"],"properties":{
                          "run_id":{"type":"string"},"ensemble":{"type":"string"},"status":{"type":"string"},
                          "deliverable":{"type":["string","null"]},"output":{},
                          "usage":%s,"cost_usd":{"type":"number"},"artifact_id":{"type":["string","null"]},
                          "agents":{"type":"object"}}}""".formatted(UsageJson.SCHEMA)),
                this::invoke);
    }

    private ToolResult invoke(JsonNode args, ToolCall call) {
        String name = args.path("ensemble").asString();
        EnsembleSpec spec;
        try {
            spec = baton.ensembles().load(name);
        } catch (EnsembleNotFoundException e) {
            return ToolResult.error("field 'ensemble': " + e.getMessage());
        } catch (BatonException e) {
            return ToolResult.error("field 'ensemble': " + name + " does not load: " + e.getMessage());
        }
        AtomicReference<ArtifactRef> artifact = new AtomicReference<>();
        RunOptions options = RunOptions.defaults().withOnArtifacts(o -> o.written().ifPresent(artifact::set));
        if (args.hasNonNull("max_concurrency")) options = options.withMaxConcurrency(args.path("max_concurrency").asInt());
        if (args.hasNonNull("budget_usd")) options = options.withBudgetUsd(args.path("budget_usd").decimalValue());
        String input = args.hasNonNull("input") ? args.path("input").asString() : null;

        int total = spec.agents().size();
        AtomicInteger finished = new AtomicInteger();
        RunHandle handle = baton.ensembles().run(spec, input, options, event -> report(event, call, finished, total));
        RunResult result = handle.await(); // an interrupt here cancels the run (RunHandle.await)
        return ToolResult.structured(json(result, artifact.get()), text(result, artifact.get()));
    }

    private static void report(RunEvent event, ToolCall call, AtomicInteger finished, int total) {
        switch (event) {
            case RunEvent.AgentStarted s -> call.log(ToolCall.LogLevel.INFO, "agent " + s.agent() + " started");
            case RunEvent.AgentCompleted c -> done(call, finished, total, c.result(), "completed");
            case RunEvent.AgentFailed f -> done(call, finished, total, f.result(), "failed");
            case RunEvent.AgentSkipped s -> done(call, finished, total, s.result(), "skipped");
            case RunEvent.AgentCancelled c -> done(call, finished, total, c.result(), "cancelled");
            default -> {
            }
        }
    }

    private static void done(ToolCall call, AtomicInteger finished, int total, AgentResult agent, String how) {
        String message = "agent " + agent.name() + " " + how;
        call.log(how.equals("failed") ? ToolCall.LogLevel.WARNING : ToolCall.LogLevel.INFO,
                agent.error() == null ? message : message + ": " + agent.error().message());
        call.progress(finished.incrementAndGet(), (double) total, message);
    }

    private static ObjectNode json(RunResult r, ArtifactRef artifact) {
        ObjectNode full = RunResultJson.write(r);
        ObjectNode out = Schemas.object().put("run_id", r.runId()).put("ensemble", r.ensemble())
                .put("status", r.status().wire()).put("deliverable", r.deliverable());
        JsonNode deliverable = r.deliverable() == null ? null : full.path("agents").path(r.deliverable()).get("output");
        if (deliverable != null) out.set("output", deliverable);
        out.set("usage", UsageJson.of(r.totals().usage()));
        BigDecimal cost = UsageJson.cost(r.totals().usage());
        out.put("cost_usd", cost);
        out.put("artifact_id", artifact == null ? null : artifact.id());
        out.set("agents", full.path("agents"));
        return out;
    }

    private static String text(RunResult r, ArtifactRef artifact) {
        StringBuilder b = new StringBuilder();
        b.append(r.ensemble()).append(": ").append(r.status().wire()).append(" (run ").append(r.runId());
        if (artifact != null) b.append(", artifact ").append(artifact.id());
        b.append(")\n");
        for (AgentResult a : r.agents()) {
            b.append("- ").append(a.name()).append(": ").append(a.status().wire());
            if (a.error() != null) b.append(" (").append(a.error().message()).append(")");
            b.append('\n');
        }
        String out = r.deliverableOutput();
        if (out != null) b.append('\n').append(out);
        return b.toString().strip();
    }
}
