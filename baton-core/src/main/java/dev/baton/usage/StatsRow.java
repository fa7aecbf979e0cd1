package dev.baton.usage;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One group of a stats answer: calls and failed calls, tokens, cost in USD (known costs summed),
 * and the 50th and 95th percentile (nearest rank) of latency and of time to first token
 * ({@code null} when no call of the group has one).
 */
public record StatsRow(String key, long calls, long errors, long inputTokens, long cachedInputTokens,
                       long outputTokens, long reasoningTokens, BigDecimal costUsd, Duration p50Latency,
                       Duration p95Latency, Duration p50TimeToFirstToken, Duration p95TimeToFirstToken) {
}
