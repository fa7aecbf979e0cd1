package dev.baton.server.api.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunResult;
import dev.baton.tool.ToolCallRecord;
import dev.baton.llm.Usage;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * The {@code data:} of one SSE event: {@code type}, {@code run_id}, {@code at} and the event's own
 * fields, snake_case. Agents' outputs are left out of events (the run's result has them) except
 * the deliverable's text on {@code run_completed}, so a stream stays small whatever agents answer.
 */
final class RunEventJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RunEventJson() {
    }

    static ObjectNode write(RunEvent event) {
        ObjectNode o = F.objectNode().put("type", event.type()).put("run_id", event.runId()).put("at", event.at().toString());
        switch (event) {
            case RunEvent.RunStarted e -> o.put("ensemble", e.ensemble()).put("agents", e.agents());
            case RunEvent.AgentStarted e -> o.put("agent", e.agent());
            case RunEvent.AgentCompleted e -> agent(o, e.result());
            case RunEvent.AgentFailed e -> agent(o, e.result());
            case RunEvent.AgentSkipped e -> agent(o, e.result());
            case RunEvent.AgentCancelled e -> agent(o, e.result());
            case RunEvent.UsageRecorded e -> {
                o.put("agent", e.agent()).put("model", e.model());
                usage(o.putObject("usage"), e.usage());
            }
            case RunEvent.ToolCallStarted e -> o.put("agent", e.agent()).put("call_id", e.callId()).put("tool", e.tool());
            case RunEvent.ToolCallFinished e -> {
                ToolCallRecord r = e.call().call();
                // arguments stay out of the stream: they are in the audit log, redacted
                o.put("agent", e.agent()).put("call_id", r.callId()).put("tool", r.tool()).put("round", e.call().round())
                        .put("outcome", r.outcome().name().toLowerCase(Locale.ROOT)).put("duration_ms", r.duration().toMillis())
                        .put("output_bytes", r.outputBytes()).put("decided_by", r.decidedBy());
            }
            case RunEvent.RunCompleted e -> completed(o, e.result());
        }
        return o;
    }

    private static void agent(ObjectNode o, AgentResult a) {
        o.put("agent", a.name()).put("status", a.status().wire()).put("duration_ms", a.duration().toMillis());
        if (a.error() != null) o.putObject("error").put("code", a.error().code().name()).put("message", a.error().message());
        if (a.skipReason() != null) o.put("skip_reason", a.skipReason());
        if (a.model() != null) o.put("model", a.model());
        usage(o.putObject("usage"), a.usage());
    }

    private static void completed(ObjectNode o, RunResult r) {
        o.put("ensemble", r.ensemble()).put("status", r.status().wire()).put("deliverable", r.deliverable())
                .put("output", r.deliverableOutput()).put("duration_ms", r.totals().duration().toMillis());
        ObjectNode totals = o.putObject("totals");
        usage(totals, r.totals().usage());
        totals.put("completed", r.totals().completed()).put("failed", r.totals().failed())
                .put("skipped", r.totals().skipped()).put("cancelled", r.totals().cancelled());
    }

    private static void usage(ObjectNode o, Usage u) {
        o.put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens()).put("total_tokens", u.totalTokens())
                .put("cost_usd", u.costUsd());
    }
}
