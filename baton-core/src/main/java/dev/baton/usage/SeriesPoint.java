package dev.baton.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One bucket of one group in a usage time series: when the bucket starts, the group's key (as
 * {@link StatsRow#key()} names it), calls, failed calls, calls that fell back, tokens and cost.
 * Buckets without calls have no point.
 */
public record SeriesPoint(Instant bucketStart, String key, long calls, long errors, long fallbacks,
                          long inputTokens, long outputTokens, BigDecimal costUsd) {
}
