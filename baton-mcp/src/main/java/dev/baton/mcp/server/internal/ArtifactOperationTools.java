package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.StoredRun;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunResult;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code analyze_execution}, {@code delete_artifact} and {@code cleanup_artifacts}: what a recorded
 * run did agent by agent, and pruning the recorded runs (through {@code baton.ensembles().artifacts()}).
 */
public final class ArtifactOperationTools {

    private static final String RUN_ARGS = """
            "ensemble":{"type":"string","minLength":1},
            "id":{"type":"string","minLength":1,"description":"the artifact id (yyyyMMdd-HHmmss-SSS) or 'latest' (default)"}""";

    private final Baton baton;

    public ArtifactOperationTools(Baton baton) {
        this.baton = baton;
    }

    public ServerTool analyzeExecution() {
        return new ServerTool("analyze_execution",
                "Analyse one recorded run of an ensemble: per agent its status, duration, tokens, cost, model, attempts and error; "
                        + "the run's totals and the agents that failed or were skipped. Without an id, the newest run.",
                Schemas.parse("{\"type\":\"object\",\"required\":[\"ensemble\"],\"additionalProperties\":false,\"properties\":{"
                        + RUN_ARGS + "}}"),
                Schemas.parse("""
                        {"type":"object","required":["ensemble","id","status","agents","failures"],"properties":{
                          "ensemble":{"type":"string"},"id":{"type":"string"},"run_id":{"type":"string"},"status":{"type":"string"},
                          "duration_ms":{"type":"integer"},"total_tokens":{"type":"integer"},"cost_usd":{"type":"number"},
                          "deliverable":{"type":["string","null"]},
                          "counts":{"type":"object","properties":{"completed":{"type":"integer"},"failed":{"type":"integer"},
                            "skipped":{"type":"integer"},"cancelled":{"type":"integer"}}},
                          "agents":{"type":"array","items":{"type":"object","required":["name","status"],"properties":{
                            "name":{"type":"string"},"status":{"type":"string"},"duration_ms":{"type":"integer"},
                            "input_tokens":{"type":"integer"},"output_tokens":{"type":"integer"},"cost_usd":{"type":"number"},
                            "model":{"type":"string"},"attempts":{"type":"integer"},"fallbacks":{"type":"integer"},
                            "tool_calls":{"type":"integer"},"error":{"type":"string"},"skip_reason":{"type":"string"}}}},
                          "failures":{"type":"array","items":{"type":"object","required":["agent","message"],"properties":{
                            "agent":{"type":"string"},"status":{"type":"string"},"message":{"type":"string"}}}},
                          "slowest_agent":{"type":"string"}}}"""),
                (args, call) -> analyze(args));
    }

    private ToolResult analyze(JsonNode args) {
        String ensemble = args.path("ensemble").asString();
        String id = args.path("id").asString("latest");
        Optional<StoredRun> stored = baton.ensembles().artifacts().show(ensemble, id);
        if (stored.isEmpty()) return notFound(ensemble, id);
        RunResult run = stored.get().result();
        ObjectNode out = Schemas.object().put("ensemble", stored.get().ref().ensemble()).put("id", stored.get().ref().id())
                .put("run_id", run.runId()).put("status", run.status().wire())
                .put("duration_ms", run.totals().duration().toMillis())
                .put("total_tokens", run.totals().usage().totalTokens())
                .put("cost_usd", UsageJson.cost(run.totals().usage()))
                .put("deliverable", run.deliverable());
        out.putObject("counts").put("completed", run.totals().completed()).put("failed", run.totals().failed())
                .put("skipped", run.totals().skipped()).put("cancelled", run.totals().cancelled());
        ArrayNode agents = out.putArray("agents");
        ArrayNode failures = out.putArray("failures");
        AgentResult slowest = null;
        StringBuilder text = new StringBuilder(ensemble + "/" + stored.get().ref().id() + ": " + run.status().wire()
                + " in " + run.totals().duration().toMillis() + " ms, " + run.totals().usage().totalTokens() + " tokens, $"
                + UsageJson.cost(run.totals().usage()).toPlainString() + "\n");
        for (AgentResult a : run.agents()) {
            ObjectNode row = agents.addObject().put("name", a.name()).put("status", a.status().wire())
                    .put("duration_ms", a.duration().toMillis())
                    .put("input_tokens", a.usage().inputTokens()).put("output_tokens", a.usage().outputTokens())
                    .put("cost_usd", a.costUsd() == null ? java.math.BigDecimal.ZERO : a.costUsd())
                    .put("attempts", a.attempts()).put("fallbacks", a.fallbacks().size()).put("tool_calls", a.toolCalls().size());
            if (a.model() != null) row.put("model", a.model());
            if (a.error() != null) row.put("error", a.error().toString());
            if (a.skipReason() != null) row.put("skip_reason", a.skipReason());
            if (a.status() == AgentStatus.FAILED || a.status() == AgentStatus.SKIPPED || a.status() == AgentStatus.CANCELLED) {
                String message = a.error() != null ? a.error().toString() : a.skipReason() != null ? a.skipReason() : a.status().wire();
                failures.addObject().put("agent", a.name()).put("status", a.status().wire()).put("message", message);
            }
            if (slowest == null || a.duration().compareTo(slowest.duration()) > 0) slowest = a;
            text.append("  ").append(a.name()).append(": ").append(a.status().wire()).append(", ")
                    .append(a.duration().toMillis()).append(" ms, ").append(a.usage().totalTokens()).append(" tokens")
                    .append(a.error() == null ? "" : " — " + a.error()).append('\n');
        }
        if (slowest != null) {
            out.put("slowest_agent", slowest.name());
            text.append("slowest: ").append(slowest.name());
        }
        return ToolResult.structured(out, text.toString().strip());
    }

    public ServerTool deleteArtifact() {
        return new ServerTool("delete_artifact",
                "Delete one recorded run of an ensemble (its folder and index entry); needs confirm: true. "
                        + "'latest' then points at the newest run left.",
                Schemas.parse("""
                        {"type":"object","required":["ensemble","id"],"additionalProperties":false,"properties":{
                          "ensemble":{"type":"string","minLength":1},
                          "id":{"type":"string","minLength":1,"description":"the artifact id (yyyyMMdd-HHmmss-SSS) or 'latest'"},
                          "confirm":{"type":"boolean","description":"must be true: deleting cannot be undone"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["ensemble","id","deleted"],"properties":{
                          "ensemble":{"type":"string"},"id":{"type":"string"},"deleted":{"type":"boolean"}}}"""),
                (args, call) -> delete(args));
    }

    private ToolResult delete(JsonNode args) {
        String ensemble = args.path("ensemble").asString();
        String id = args.path("id").asString();
        if (!args.path("confirm").asBoolean(false)) {
            return ToolResult.error("field 'confirm': deleting " + ensemble + "/" + id + " cannot be undone; call again with confirm: true");
        }
        Optional<StoredRun> stored = baton.ensembles().artifacts().show(ensemble, id);
        if (stored.isEmpty()) return notFound(ensemble, id);
        String resolved = stored.get().ref().id();
        if (!baton.ensembles().artifacts().delete(ensemble, resolved)) return notFound(ensemble, id);
        return ToolResult.structured(Schemas.object().put("ensemble", ensemble).put("id", resolved).put("deleted", true),
                "deleted " + ensemble + "/" + resolved);
    }

    public ServerTool cleanupArtifacts() {
        return new ServerTool("cleanup_artifacts",
                "Delete recorded runs older than a number of days and/or beyond the newest N of each ensemble; "
                        + "dry_run: true lists what would go without deleting.",
                Schemas.parse("""
                        {"type":"object","additionalProperties":false,"anyOf":[{"required":["older_than_days"]},{"required":["keep"]}],
                          "properties":{
                          "ensemble":{"type":"string","minLength":1,"description":"only this ensemble's runs (default: every ensemble)"},
                          "older_than_days":{"type":"number","exclusiveMinimum":0,"maximum":36500,"description":"runs started more than this many days ago"},
                          "keep":{"type":"integer","minimum":0,"description":"keep the newest N runs of each ensemble"},
                          "dry_run":{"type":"boolean","description":"list what would be deleted, delete nothing (default false)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["dry_run","count","runs"],"properties":{
                          "dry_run":{"type":"boolean"},"count":{"type":"integer"},
                          "runs":{"type":"array","items":{"type":"object","required":["ensemble","id"],"properties":{
                            "ensemble":{"type":"string"},"id":{"type":"string"}}}}}}"""),
                (args, call) -> cleanup(args));
    }

    private ToolResult cleanup(JsonNode args) {
        String ensemble = args.hasNonNull("ensemble") ? args.path("ensemble").asString() : null;
        Instant cutoff = args.hasNonNull("older_than_days")
                ? Instant.now().minusMillis((long) (args.path("older_than_days").asDouble() * 86_400_000L)) : null;
        Integer keep = args.hasNonNull("keep") ? args.path("keep").asInt() : null;
        boolean dryRun = args.path("dry_run").asBoolean(false);
        List<ArtifactRef> runs = baton.ensembles().artifacts().cleanup(ensemble, cutoff, keep, dryRun);
        ObjectNode out = Schemas.object().put("dry_run", dryRun).put("count", runs.size());
        ArrayNode rows = out.putArray("runs");
        StringBuilder text = new StringBuilder((dryRun ? "would delete " : "deleted ") + runs.size() + " run(s)");
        for (ArtifactRef r : runs) {
            rows.addObject().put("ensemble", r.ensemble()).put("id", r.id());
            text.append("\n  ").append(r.ensemble()).append('/').append(r.id());
        }
        return ToolResult.structured(out, text.toString());
    }

    private static ToolResult notFound(String ensemble, String id) {
        return ToolResult.error("field '" + (id.equals("latest") ? "ensemble" : "id") + "': no recorded run "
                + ensemble + "/" + id + " (list them with list_artifacts)");
    }
}
