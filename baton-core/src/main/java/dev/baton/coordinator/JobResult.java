package dev.baton.coordinator;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one job ended: its tool, state, output (for an aborted or failed job, what it had; may be
 * empty), whether the output is partial, its time, cost and tokens, the share of the budget it was
 * given, the models that answered, and the error ({@code null} when it completed).
 */
public record JobResult(String jobId, String tool, JobState state, String output, boolean partial, int priority,
                        @Nullable Instant startedAt, @Nullable Instant finishedAt, Duration duration,
                        BigDecimal costUsd, long inputTokens, long outputTokens, BigDecimal costLimitUsd,
                        Duration timeLimit, List<String> models, @Nullable JobError error) {

    public JobResult {
        models = List.copyOf(models);
    }

    /** Why a job did not complete: the error code and message. */
    public record JobError(String code, String message) {
    }
}
