package dev.baton.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A usage statistics query: calls since {@code since} ({@code null}: all), grouped by
 * {@code groupBy}. Days are UTC calendar days.
 */
public record StatsQuery(Instant since, GroupBy groupBy) {

    /**
     * What rows are grouped by; {@code NONE} gives one row keyed {@code all}, {@code API_KEY} one
     * row per Baton API key id ({@code -} for calls made without one).
     */
    public enum GroupBy { NONE, PROFILE, PROVIDER, MODEL, RUN, DAY, API_KEY }

    public StatsQuery {
        Objects.requireNonNull(groupBy, "groupBy");
    }

    /** Calls of the last {@code window} before {@code now}, for {@code baton stats --since 24h}. */
    public static StatsQuery last(Duration window, Instant now, GroupBy groupBy) {
        return new StatsQuery(now.minus(window), groupBy);
    }
}
