package dev.baton.artifact;

import dev.baton.ensemble.run.RunResult;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;

/**
 * One recorded run in a listing ({@code baton artifacts list -o json}, the servers' run lists):
 * enough to pick a run; the whole record is {@code execution.json}.
 *
 * @param execution  the run's directory name ({@code yyyyMMdd-HHmmss-SSS})
 * @param status     the run status, lower-case as in {@code execution.json}
 * @param startedAt  ISO-8601, or null when unknown
 * @param dir        the run's directory
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunListingJson(String ensemble, String execution, String runId, String status, String startedAt,
                             long durationMs, long totalTokens, BigDecimal costUsd, String deliverable, String dir) {

    public static RunListingJson of(StoredRun run) {
        RunResult r = run.result();
        return new RunListingJson(r.ensemble(), run.ref().id(), r.runId(), r.status().wire(),
                r.startedAt() == null ? null : r.startedAt().toString(), r.totals().duration().toMillis(),
                r.totals().usage().totalTokens(), r.totals().costUsd(), r.deliverable(), run.ref().dir().toString());
    }
}
