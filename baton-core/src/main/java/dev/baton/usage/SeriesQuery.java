package dev.baton.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A usage time series: calls since {@code since}, counted in consecutive buckets of
 * {@code bucket} starting at {@code since}, one point per bucket and group ({@code groupBy}: none,
 * profile, provider, model or API key). At most {@link #MAX_BUCKETS} buckets.
 */
public record SeriesQuery(Instant since, Duration bucket, StatsQuery.GroupBy groupBy) {

    /** The most buckets one query spans. */
    public static final int MAX_BUCKETS = 2000;

    public SeriesQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(groupBy, "groupBy");
        if (bucket.compareTo(Duration.ofMinutes(1)) < 0) throw new IllegalArgumentException("bucket: must be at least 1 minute, not " + bucket);
        if (groupBy == StatsQuery.GroupBy.DAY || groupBy == StatsQuery.GroupBy.RUN) {
            throw new IllegalArgumentException("by: a series groups by none, profile, provider, model or api_key, not " + groupBy);
        }
    }

    /** The buckets of the last {@code window} before {@code now}. */
    public static SeriesQuery last(Duration window, Duration bucket, Instant now, StatsQuery.GroupBy groupBy) {
        if (window.dividedBy(bucket) > MAX_BUCKETS) {
            throw new IllegalArgumentException("bucket: " + window + " in buckets of " + bucket + " is more than " + MAX_BUCKETS + " buckets");
        }
        return new SeriesQuery(now.minus(window), bucket, groupBy);
    }
}
