package dev.baton.usage;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The JSON shape of a usage query ({@code baton stats -o json}, the servers' usage reports): the
 * start of the window, the grouping and one row per group.
 *
 * @param since ISO-8601 start of the window
 * @param by    the grouping, lower-case ({@code none}, {@code profile}, {@code provider}, {@code model}, {@code run}, {@code day}, {@code api_key})
 */
public record UsageStatsJson(String since, String by, List<Row> rows) {

    /**
     * One group's figures: latencies and times to first token in milliseconds at the 50th and
     * 95th percentile, null when no call of the group has one.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(String key, long calls, long errors, long inputTokens, long cachedInputTokens,
                      long outputTokens, long reasoningTokens, BigDecimal costUsd, Long p50LatencyMs,
                      Long p95LatencyMs, Long p50TtftMs, Long p95TtftMs) {

        public static Row of(StatsRow r) {
            return new Row(r.key(), r.calls(), r.errors(), r.inputTokens(), r.cachedInputTokens(), r.outputTokens(),
                    r.reasoningTokens(), r.costUsd(), millis(r.p50Latency()), millis(r.p95Latency()),
                    millis(r.p50TimeToFirstToken()), millis(r.p95TimeToFirstToken()));
        }

        private static Long millis(Duration d) {
            return d == null ? null : d.toMillis();
        }
    }
}
