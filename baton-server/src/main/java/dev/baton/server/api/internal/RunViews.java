package dev.baton.server.api.internal;

import dev.baton.artifact.ArtifactRef;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.runs.RunRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of runs and batches as the API answers them (the shapes {@code openapi.json} names {@code Run}, {@code Batch}). */
final class RunViews {

    static final String RUNS = "/api/v1/runs/";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunViews() {
    }

    /** A run's state, as this replica holds it. */
    static ObjectNode run(ApiRun run) {
        return run(new RunRegistry.Seen(run.record(), run.log().lastId(), run));
    }

    /**
     * A run's state: id, ensemble, status, times, batch, the starting key's id, the replica
     * running it, totals once finished, artifact, links.
     */
    static ObjectNode run(RunRegistry.Seen seen) {
        RunRecord r = seen.record();
        ObjectNode o = F.objectNode().put("run_id", r.id()).put("ensemble", r.ensemble()).put("status", r.status())
                .put("created_at", r.createdAt().toString())
                .put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString())
                .put("batch_id", r.batchId()).put("key_id", r.keyId()).put("replica", r.replica()).put("events", seen.events());
        if (r.error() != null) o.put("error", r.error());
        if (r.summary() != null) o.setAll((ObjectNode) parse(r.summary()));
        artifact(o, r.artifact());
        o.putObject("links").put("self", RUNS + r.id()).put("result", RUNS + r.id() + "/result")
                .put("events", RUNS + r.id() + "/events").put("cancel", RUNS + r.id() + "/cancel");
        return o;
    }

    /** What a run's state shows of its result: deliverable, duration and totals. */
    static ObjectNode summary(RunResult r) {
        ObjectNode o = F.objectNode().put("deliverable", r.deliverable()).put("duration_ms", r.totals().duration().toMillis());
        o.putObject("totals").put("input_tokens", r.totals().usage().inputTokens())
                .put("output_tokens", r.totals().usage().outputTokens()).put("cost_usd", r.totals().costUsd())
                .put("completed", r.totals().completed()).put("failed", r.totals().failed())
                .put("skipped", r.totals().skipped()).put("cancelled", r.totals().cancelled());
        return o;
    }

    /** A finished run's whole result ({@code execution.json}'s shape) with its artifact. */
    static ObjectNode result(ApiRun run, RunResult result) {
        ObjectNode o = RunResultJson.write(result);
        ArtifactRef a = run.artifact();
        artifact(o, a == null ? null : new RunRecord.Artifact(a.ensemble(), a.id()));
        return o;
    }

    /** A finished run's whole result as the store keeps it, with its artifact; null when it has none (abandoned). */
    static @Nullable ObjectNode result(RunRecord record) {
        if (record.result() == null) return null;
        ObjectNode o = (ObjectNode) parse(record.result());
        artifact(o, record.artifact());
        return o;
    }

    private static void artifact(ObjectNode o, RunRecord.@Nullable Artifact a) {
        if (a == null) o.putNull("artifact");
        else o.putObject("artifact").put("ensemble", a.ensemble()).put("execution", a.execution())
                .put("href", "/api/v1/artifacts/" + a.ensemble() + "/" + a.execution());
    }

    private static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    /** A batch: its status and, per input in order, the run (null until started) and its status. */
    static ObjectNode batch(Batch b) {
        ObjectNode o = F.objectNode().put("batch_id", b.id()).put("ensemble", b.ensemble()).put("status", b.status())
                .put("created_at", b.createdAt().toString()).put("parallelism", b.parallelism()).put("size", b.size());
        var items = o.putArray("runs");
        for (int i = 0; i < b.size(); i++) {
            ApiRun r = b.run(i);
            ObjectNode item = items.addObject().put("index", i).put("run_id", r == null ? null : r.id()).put("status", b.status(i));
            if (b.failure(i) != null) item.put("error", b.failure(i));
        }
        o.putObject("links").put("self", "/api/v1/batches/" + b.id()).put("cancel", "/api/v1/batches/" + b.id() + "/cancel");
        return o;
    }
}
