package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.artifact.StoredRun;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** {@code list_artifacts} and {@code get_artifact}: the recorded runs under {@code .baton/artifacts}. */
public final class ArtifactTools {

    private static final int DEFAULT_LIMIT = 20;

    private final Baton baton;

    public ArtifactTools(Baton baton) {
        this.baton = baton;
    }

    public ServerTool listArtifacts() {
        return new ServerTool("list_artifacts",
                "List recorded ensemble runs (artifacts), newest first: ensemble, artifact id, status, start time, duration and cost.",
                Schemas.parse("""
                        {"type":"object","additionalProperties":false,"properties":{
                          "ensemble":{"type":"string","minLength":1,"description":"only this ensemble's runs"},
                          "limit":{"type":"integer","minimum":1,"maximum":500,"description":"at most this many (default 20)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["artifacts"],"properties":{"artifacts":{"type":"array","items":{
                          "type":"object","required":["ensemble","id","status"],"properties":{
                            "ensemble":{"type":"string"},"id":{"type":"string"},"run_id":{"type":"string"},
                            "status":{"type":"string"},"started_at":{"type":"string"},"duration_ms":{"type":"integer"},
                            "cost_usd":{"type":"number"}}}}}}"""),
                (args, call) -> list(args));
    }

    private ToolResult list(JsonNode args) {
        String ensemble = args.hasNonNull("ensemble") ? args.path("ensemble").asString() : null;
        ObjectNode listing = listing(ensemble, args.path("limit").asInt(DEFAULT_LIMIT));
        StringBuilder text = new StringBuilder();
        for (JsonNode run : listing.path("artifacts")) {
            text.append(run.path("ensemble").asString()).append('/').append(run.path("id").asString()).append(": ")
                    .append(run.path("status").asString()).append('\n');
        }
        if (listing.path("artifacts").isEmpty()) text.append("no recorded runs").append(ensemble == null ? "" : " of " + ensemble);
        return ToolResult.structured(listing, text.toString().strip());
    }

    /** The recorded runs of {@code ensemble} (every ensemble when null), newest first, at most {@code limit}. */
    public ObjectNode listing(String ensemble, int limit) {
        ArrayNode rows = Schemas.array();
        for (StoredRun run : baton.ensembles().artifacts().list(ensemble, limit)) {
            rows.addObject().put("ensemble", run.ref().ensemble()).put("id", run.ref().id())
                    .put("run_id", run.result().runId()).put("status", run.result().status().wire())
                    .put("started_at", run.result().startedAt().toString())
                    .put("duration_ms", run.result().totals().duration().toMillis())
                    .put("cost_usd", UsageJson.cost(run.result().totals().usage()));
        }
        return Schemas.object().set("artifacts", rows);
    }

    /** One recorded run ({@code id} null or {@code latest}: the newest). */
    public Optional<StoredRun> run(String ensemble, String id) {
        return baton.ensembles().artifacts().show(ensemble, id);
    }

    public ServerTool getArtifact() {
        return new ServerTool("get_artifact",
                "Get one recorded run of an ensemble (execution.json): status, every agent's output and error, usage and cost. Without an id, the newest run.",
                Schemas.parse("""
                        {"type":"object","required":["ensemble"],"additionalProperties":false,"properties":{
                          "ensemble":{"type":"string","minLength":1},
                          "id":{"type":"string","minLength":1,"description":"the artifact id (yyyyMMdd-HHmmss-SSS) or 'latest' (default)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["ensemble","id","execution"],"properties":{
                          "ensemble":{"type":"string"},"id":{"type":"string"},"execution":{"type":"object"}}}"""),
                (args, call) -> get(args));
    }

    private ToolResult get(JsonNode args) {
        String ensemble = args.path("ensemble").asString();
        String id = args.path("id").asString("latest");
        Optional<StoredRun> run = run(ensemble, id);
        if (run.isEmpty()) {
            return ToolResult.error("field '" + (id.equals("latest") ? "ensemble" : "id") + "': no recorded run "
                    + ensemble + "/" + id + " (list them with list_artifacts)");
        }
        ObjectNode out = Schemas.object().put("ensemble", run.get().ref().ensemble()).put("id", run.get().ref().id());
        out.set("execution", run.get().json());
        return ToolResult.structured(out, Schemas.pretty(run.get().json()));
    }
}
