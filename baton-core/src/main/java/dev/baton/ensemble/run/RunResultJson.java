package dev.baton.ensemble.run;

import dev.baton.error.ErrorCode;
import dev.baton.llm.FallbackStep;
import dev.baton.llm.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link RunResult} ({@code execution.json}, batch lines, the API), and
 * back. Keys are snake_case; statuses lower-case; times ISO-8601; an agent's {@code output} is
 * a JSON value when the output was a JSON object or array, else a string. Reading tolerates
 * missing optional keys.
 */
public final class RunResultJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RunResultJson() {
    }

    public static ObjectNode write(RunResult r) {
        ObjectNode o = F.objectNode();
        o.put("run_id", r.runId()).put("ensemble", r.ensemble()).put("status", r.status().wire());
        o.put("input", r.input());
        o.put("started_at", r.startedAt().toString()).put("finished_at", r.finishedAt().toString());
        o.put("duration_ms", r.totals().duration().toMillis());
        o.put("deliverable", r.deliverable());
        o.putArray("execution_order").addAll(r.executionOrder().stream().map(F::stringNode).toList());
        ObjectNode graph = o.putObject("graph");
        r.graph().forEach((k, v) -> graph.putArray(k).addAll(v.stream().map(F::stringNode).toList()));
        ObjectNode totals = o.putObject("totals");
        usage(totals, r.totals().usage());
        totals.put("cost_usd", r.totals().costUsd());
        totals.put("completed", r.totals().completed()).put("failed", r.totals().failed())
                .put("skipped", r.totals().skipped()).put("cancelled", r.totals().cancelled());
        ObjectNode agents = o.putObject("agents");
        for (AgentResult a : r.agents()) agents.set(a.name(), agent(a));
        if (!r.checks().isEmpty()) {
            var checks = o.putArray("checks");
            for (CheckReport c : r.checks()) {
                ObjectNode co = checks.addObject().put("block", c.block()).put("layer", c.layer())
                        .put("verdict", c.verdict().wire());
                co.putArray("messages").addAll(c.messages().stream().map(F::stringNode).toList());
            }
        }
        return o;
    }

    /** One agent's result in the shape it has under {@code agents} of {@link #write} (a checkpoint). */
    public static ObjectNode writeAgent(AgentResult a) {
        return agent(a);
    }

    /** The inverse of {@link #writeAgent}: agent {@code name}'s result from its JSON. */
    public static AgentResult readAgent(String name, JsonNode a) {
        return readAgentJson(name, a);
    }

    private static ObjectNode agent(AgentResult a) {
        ObjectNode o = F.objectNode();
        o.put("status", a.status().wire());
        output(o, a.output(), a.outputJson());
        if (a.error() != null) o.set("error", error(a.error()));
        if (a.skipReason() != null) o.put("skip_reason", a.skipReason());
        usage(o.putObject("usage"), a.usage());
        o.put("cost_usd", a.costUsd());
        if (a.startedAt() != null) o.put("started_at", a.startedAt().toString());
        if (a.finishedAt() != null) o.put("finished_at", a.finishedAt().toString());
        o.put("duration_ms", a.duration().toMillis()).put("attempts", a.attempts());
        if (a.model() != null) o.put("model", a.model());
        if (a.profile() != null) o.put("profile", a.profile());
        if (!a.fallbacks().isEmpty()) {
            var arr = o.putArray("fallbacks");
            for (FallbackStep f : a.fallbacks()) {
                arr.addObject().put("profile", f.profile()).put("model", f.model())
                        .put("code", f.code() == null ? null : f.code().name()).put("message", f.message());
            }
        }
        if (!a.toolCalls().isEmpty()) ToolCallJson.write(o.putArray("tool_calls"), a.toolCalls());
        if (a.childRun() != null) {
            ChildRun c = a.childRun();
            ObjectNode co = o.putObject("child_run").put("ensemble", c.ensemble()).put("run_id", c.runId())
                    .put("status", c.status().wire()).put("deliverable", c.deliverable());
            if (c.dispatch() != null) co.put("dispatch", c.dispatch());
        }
        if (!a.instances().isEmpty()) {
            var arr = o.putArray("instances");
            for (InstanceResult i : a.instances()) {
                ObjectNode io = arr.addObject().put("index", i.index()).put("status", i.status().wire());
                output(io, i.output(), i.outputJson());
                if (i.error() != null) io.set("error", error(i.error()));
            }
        }
        return o;
    }

    private static void output(ObjectNode o, String text, JsonNode json) {
        if (json != null) o.set("output", json);
        else if (text != null) o.put("output", text);
    }

    private static ObjectNode error(AgentError e) {
        return F.objectNode().put("code", e.code().name()).put("message", e.message());
    }

    private static void usage(ObjectNode o, Usage u) {
        o.put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                .put("cached_input_tokens", u.cachedInputTokens()).put("cache_write_tokens", u.cacheWriteTokens())
                .put("reasoning_tokens", u.reasoningTokens()).put("total_tokens", u.totalTokens())
                .put("estimated", u.estimated());
    }

    /** Reads what {@link #write} wrote. */
    public static RunResult read(JsonNode o) {
        List<AgentResult> agents = new ArrayList<>();
        JsonNode agentsNode = o.path("agents");
        for (String name : agentsNode.propertyNames()) agents.add(readAgentJson(name, agentsNode.get(name)));
        List<String> order = new ArrayList<>();
        o.path("execution_order").forEach(n -> order.add(n.asString()));
        java.util.Map<String, List<String>> graph = new java.util.LinkedHashMap<>();
        JsonNode g = o.path("graph");
        for (String k : g.propertyNames()) graph.put(k, g.get(k).valueStream().map(JsonNode::asString).toList());
        JsonNode t = o.path("totals");
        RunTotals totals = new RunTotals(readUsage(t), t.path("completed").asInt(), t.path("failed").asInt(),
                t.path("skipped").asInt(), t.path("cancelled").asInt(), Duration.ofMillis(o.path("duration_ms").asLong()));
        return new RunResult(o.path("run_id").asString(), o.path("ensemble").asString(), text(o, "input"),
                RunStatus.fromWire(o.path("status").asString()), agents, order, graph, totals, text(o, "deliverable"),
                instant(o, "started_at"), instant(o, "finished_at"), readChecks(o.path("checks")));
    }

    private static List<CheckReport> readChecks(JsonNode arr) {
        List<CheckReport> out = new ArrayList<>();
        arr.forEach(c -> out.add(new CheckReport(c.path("block").asString(), c.path("layer").asString(),
                CheckReport.Verdict.fromWire(c.path("verdict").asString()),
                c.path("messages").valueStream().map(JsonNode::asString).toList())));
        return out;
    }

    private static AgentResult readAgentJson(String name, JsonNode a) {
        JsonNode out = a.get("output");
        List<FallbackStep> fallbacks = new ArrayList<>();
        a.path("fallbacks").forEach(f -> fallbacks.add(new FallbackStep(text(f, "profile"), text(f, "model"),
                f.hasNonNull("code") ? ErrorCode.valueOf(f.get("code").asString()) : null, text(f, "message"))));
        List<InstanceResult> instances = new ArrayList<>();
        a.path("instances").forEach(i -> instances.add(new InstanceResult(i.path("index").asInt(),
                AgentStatus.fromWire(i.path("status").asString()), outputText(i.get("output")),
                outputJson(i.get("output")), readError(i.get("error")))));
        return AgentResult.builder(name, AgentStatus.fromWire(a.path("status").asString()))
                .output(outputText(out)).outputJson(outputJson(out)).error(readError(a.get("error")))
                .skipReason(text(a, "skip_reason"))
                .usage(readUsage(a.path("usage")).withCost(a.hasNonNull("cost_usd") ? a.get("cost_usd").decimalValue() : null))
                .startedAt(instant(a, "started_at")).finishedAt(instant(a, "finished_at"))
                .attempts(a.path("attempts").asInt()).model(text(a, "model")).profile(text(a, "profile"))
                .fallbacks(fallbacks).instances(instances).toolCalls(ToolCallJson.read(a.path("tool_calls"))).childRun(childRun(a.get("child_run"))).build();
    }

    private static ChildRun childRun(JsonNode c) {
        if (c == null || !c.isObject()) return null;
        return new ChildRun(c.path("ensemble").asString(), c.path("run_id").asString(),
                RunStatus.fromWire(c.path("status").asString()), text(c, "deliverable"), text(c, "dispatch"));
    }

    private static Usage readUsage(JsonNode u) {
        Usage usage = new Usage(u.path("input_tokens").asLong(), u.path("output_tokens").asLong(),
                u.path("cached_input_tokens").asLong(), u.path("cache_write_tokens").asLong(),
                u.path("reasoning_tokens").asLong(), null, u.path("estimated").asBoolean());
        return u.hasNonNull("cost_usd") ? usage.withCost(u.get("cost_usd").decimalValue()) : usage;
    }

    private static AgentError readError(JsonNode e) {
        if (e == null || e.isNull()) return null;
        return new AgentError(ErrorCode.valueOf(e.path("code").asString()), e.path("message").asString());
    }

    private static String outputText(JsonNode out) {
        if (out == null || out.isNull()) return null;
        return out.isString() ? out.stringValue() : out.toString();
    }

    private static JsonNode outputJson(JsonNode out) {
        return out != null && out.isContainer() ? out : null;
    }

    private static String text(JsonNode o, String key) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? null : n.asString();
    }

    private static Instant instant(JsonNode o, String key) {
        String t = text(o, key);
        return t == null ? null : Instant.parse(t);
    }
}
