package dev.baton.llm;

import java.math.BigDecimal;

/**
 * Tokens used by one call and what they cost in USD ({@code null} cost when unknown).
 * {@code cachedInputTokens} and {@code cacheWriteTokens} are parts of {@code inputTokens};
 * {@code reasoningTokens} is part of {@code outputTokens}. {@code estimated} is true when the
 * figures were derived locally (a stream closed early) rather than reported by the provider.
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens,
                    long reasoningTokens, BigDecimal costUsd, boolean estimated) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, null, false);

    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0, 0, null, false);
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public Usage withCost(BigDecimal cost) {
        return new Usage(inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, reasoningTokens, cost, estimated);
    }

    public Usage asEstimated() {
        return new Usage(inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, reasoningTokens, costUsd, true);
    }

    /** The sum of two usages; the cost is known only when both are. */
    public Usage plus(Usage o) {
        BigDecimal cost = costUsd == null || o.costUsd == null ? (costUsd == null ? o.costUsd : costUsd) : costUsd.add(o.costUsd);
        return new Usage(inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                cachedInputTokens + o.cachedInputTokens, cacheWriteTokens + o.cacheWriteTokens,
                reasoningTokens + o.reasoningTokens, cost, estimated || o.estimated);
    }
}
