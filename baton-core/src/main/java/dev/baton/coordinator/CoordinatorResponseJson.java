package dev.baton.coordinator;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of a {@link CoordinatorResponse}: the record's names in snake case, times in ms, costs in USD. */
public final class CoordinatorResponseJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CoordinatorResponseJson() {
    }

    public static ObjectNode write(CoordinatorResponse r) {
        ObjectNode o = NODES.objectNode();
        o.put("request_id", r.requestId());
        o.put("status", r.status().wire());
        ArrayNode jobs = o.putArray("jobs");
        r.jobs().forEach(j -> jobs.add(job(j)));
        ObjectNode results = o.putObject("results");
        r.results().forEach(results::put);
        o.put("synthesis", r.synthesis());
        CoordinatorResponse.Metadata m = r.metadata();
        ObjectNode meta = o.putObject("metadata");
        meta.put("started_at", m.startedAt().toString());
        meta.put("finished_at", m.finishedAt().toString());
        meta.put("total_time_ms", m.totalTimeMs());
        meta.put("total_cost_usd", m.totalCostUsd());
        ArrayNode models = meta.putArray("models_used");
        m.modelsUsed().forEach(models::add);
        ObjectNode tokens = meta.putObject("token_usage");
        tokens.put("input_tokens", m.inputTokens());
        tokens.put("output_tokens", m.outputTokens());
        tokens.put("total_tokens", m.inputTokens() + m.outputTokens());
        meta.put("planner_profile", m.plannerProfile());
        meta.put("planned_jobs", m.plannedJobs());
        CoordinatorResponse.BudgetInfo b = r.budget();
        ObjectNode budget = o.putObject("budget");
        budget.put("cost_limit_usd", b.costLimitUsd());
        budget.put("cost_spent_usd", b.costSpentUsd());
        budget.put("cost_exceeded", b.costExceeded());
        budget.put("cost_utilisation_pct", b.costUtilisationPct());
        budget.put("time_limit_ms", b.timeLimitMs());
        budget.put("time_spent_ms", b.timeSpentMs());
        budget.put("time_exceeded", b.timeExceeded());
        budget.put("time_utilisation_pct", b.timeUtilisationPct());
        ArrayNode errors = o.putArray("errors");
        for (CoordinatorResponse.ResponseError e : r.errors()) {
            errors.addObject().put("job_id", e.jobId()).put("tool", e.tool()).put("code", e.code()).put("message", e.message());
        }
        if (r.artifactDir() != null) o.put("artifact_dir", r.artifactDir());
        else o.putNull("artifact_dir");
        return o;
    }

    private static ObjectNode job(JobResult j) {
        ObjectNode o = NODES.objectNode();
        o.put("job_id", j.jobId());
        o.put("tool", j.tool());
        o.put("status", j.state().wire());
        o.put("partial", j.partial());
        o.put("priority", j.priority());
        o.put("duration_ms", j.duration().toMillis());
        o.put("cost_usd", j.costUsd());
        o.put("input_tokens", j.inputTokens());
        o.put("output_tokens", j.outputTokens());
        o.put("cost_limit_usd", j.costLimitUsd());
        o.put("time_limit_ms", j.timeLimit().toMillis());
        if (j.startedAt() != null) o.put("started_at", j.startedAt().toString());
        else o.putNull("started_at");
        if (j.finishedAt() != null) o.put("finished_at", j.finishedAt().toString());
        else o.putNull("finished_at");
        ArrayNode models = o.putArray("models");
        j.models().forEach(models::add);
        if (j.error() != null) o.putObject("error").put("code", j.error().code()).put("message", j.error().message());
        else o.putNull("error");
        return o;
    }
}
