package dev.baton.artifact;

import java.math.BigDecimal;
import java.time.Instant;

/** One run as the {@link ArtifactIndex} records it; {@code costUsd} and {@code deliverable} may be null. */
public record IndexedRun(String runId, String ensemble, String status, Instant startedAt, Instant finishedAt,
                         long durationMs, long inputTokens, long outputTokens, BigDecimal costUsd, String deliverable,
                         String artifactDir) {
}
