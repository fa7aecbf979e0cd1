package dev.baton.server.api.internal;

import dev.baton.artifact.ArtifactRef;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of runs and batches as the API answers them (the shapes {@code openapi.json} names {@code Run}, {@code Batch}). */
final class RunViews {

    static final String RUNS = "/api/v1/runs/";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RunViews() {
    }

    /** A run's state: id, ensemble, status, times, batch, the starting key's id, totals once finished, artifact, links. */
    static ObjectNode run(ApiRun run) {
        ObjectNode o = F.objectNode().put("run_id", run.id()).put("ensemble", run.ensemble()).put("status", run.status())
                .put("created_at", run.createdAt().toString())
                .put("finished_at", run.finishedAt() == null ? null : run.finishedAt().toString())
                .put("batch_id", run.batchId()).put("key_id", run.owner()).put("events", run.log().lastId());
        RunResult r = run.result();
        if (r != null) {
            o.put("deliverable", r.deliverable()).put("duration_ms", r.totals().duration().toMillis());
            o.putObject("totals").put("input_tokens", r.totals().usage().inputTokens())
                    .put("output_tokens", r.totals().usage().outputTokens()).put("cost_usd", r.totals().costUsd())
                    .put("completed", r.totals().completed()).put("failed", r.totals().failed())
                    .put("skipped", r.totals().skipped()).put("cancelled", r.totals().cancelled());
        }
        ArtifactRef a = run.artifact();
        if (a == null) o.putNull("artifact");
        else o.putObject("artifact").put("ensemble", a.ensemble()).put("execution", a.id())
                .put("href", "/api/v1/artifacts/" + a.ensemble() + "/" + a.id());
        o.putObject("links").put("self", RUNS + run.id()).put("result", RUNS + run.id() + "/result")
                .put("events", RUNS + run.id() + "/events").put("cancel", RUNS + run.id() + "/cancel");
        return o;
    }

    /** A finished run's whole result ({@code execution.json}'s shape) with its artifact. */
    static ObjectNode result(ApiRun run, RunResult result) {
        ObjectNode o = RunResultJson.write(result);
        ArtifactRef a = run.artifact();
        if (a == null) o.putNull("artifact");
        else o.putObject("artifact").put("ensemble", a.ensemble()).put("execution", a.id())
                .put("href", "/api/v1/artifacts/" + a.ensemble() + "/" + a.id());
        return o;
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
