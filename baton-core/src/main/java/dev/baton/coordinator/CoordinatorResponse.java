package dev.baton.coordinator;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to one request: its status, one result per job (in plan order), each job's output
 * by job id, the planner's synthesis, metadata, budget accounting and the errors of the jobs that
 * did not complete. {@link CoordinatorResponseJson} writes it with the same names in snake case.
 */
public record CoordinatorResponse(String requestId, Status status, List<JobResult> jobs, Map<String, String> results,
                                  String synthesis, Metadata metadata, BudgetInfo budget, List<ResponseError> errors,
                                  @Nullable String artifactDir) {

    public CoordinatorResponse {
        jobs = List.copyOf(jobs);
        results = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
        errors = List.copyOf(errors);
    }

    /**
     * {@code SUCCESS}: every job completed (or the planner answered directly); {@code PARTIAL_SUCCESS}:
     * some job failed, was aborted or returned a partial result, but there is something to show;
     * {@code FAILED}: planning failed or no job produced anything.
     */
    public enum Status {
        SUCCESS, PARTIAL_SUCCESS, FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Total time and cost, the models that answered, tokens, the planner's profile and whether the plan had jobs. */
    public record Metadata(Instant startedAt, Instant finishedAt, long totalTimeMs, BigDecimal totalCostUsd,
                           List<String> modelsUsed, long inputTokens, long outputTokens, String plannerProfile,
                           int plannedJobs) {
        public Metadata {
            modelsUsed = List.copyOf(modelsUsed);
        }
    }

    /** Limits, spend, whether a limit was reached, and the spend as a percentage of the limit. */
    public record BudgetInfo(BigDecimal costLimitUsd, BigDecimal costSpentUsd, boolean costExceeded,
                             double costUtilisationPct, long timeLimitMs, long timeSpentMs, boolean timeExceeded,
                             double timeUtilisationPct) {
    }

    /** A job (or the planner, job id {@code planner}; or the synthesis, {@code synthesis}) that did not complete. */
    public record ResponseError(String jobId, String tool, String code, String message) {
    }

    /** Copy with where the request's artifacts went. */
    public CoordinatorResponse withArtifactDir(@Nullable String dir) {
        return new CoordinatorResponse(requestId, status, jobs, results, synthesis, metadata, budget, errors, dir);
    }
}
