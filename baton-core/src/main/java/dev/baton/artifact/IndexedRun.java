package dev.baton.artifact;

import dev.baton.ensemble.run.RunResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;

/** One run as the {@link ArtifactIndex} records it; {@code costUsd} and {@code deliverable} may be null. */
public record IndexedRun(String runId, String ensemble, String status, Instant startedAt, Instant finishedAt,
                         long durationMs, long inputTokens, long outputTokens, BigDecimal costUsd, String deliverable,
                         String artifactDir) {

    /** The entry of {@code r}, whose artifacts are in {@code dir}. */
    public static IndexedRun of(RunResult r, Path dir) {
        return new IndexedRun(r.runId(), r.ensemble(), r.status().wire(), r.startedAt(), r.finishedAt(),
                r.totals().duration().toMillis(), r.totals().usage().inputTokens(), r.totals().usage().outputTokens(),
                r.totals().costUsd(), r.deliverable(), dir.toString());
    }
}
