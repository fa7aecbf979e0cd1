package dev.baton.pipeline;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Prices;
import dev.baton.usage.BudgetAmount;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * The most a call may cost, reserved before it starts: the estimated input plus the largest
 * output allowed ({@code maxTokens} of the request, else of the profile, else the model's maximum,
 * else {@value #FALLBACK_MAX_OUTPUT}), at the highest input and output prices of every profile the
 * call may fall back to. Prices are kept in nano-dollars per million tokens for integer arithmetic.
 */
record WorstCaseCost(long inputNanoPerMillion, long outputNanoPerMillion, int defaultMaxOutput) {

    /** The output size assumed when neither request, profile nor model names one. */
    static final int FALLBACK_MAX_OUTPUT = 4096;

    static WorstCaseCost of(Collection<Prices> chainPrices, Integer profileMaxTokens, int modelMaxOutput) {
        long in = 0;
        long out = 0;
        for (Prices p : chainPrices) {
            if (p == null) continue;
            BigDecimal cached = p.cachedInputPerMillion() == null ? p.inputPerMillion() : p.cachedInputPerMillion();
            in = Math.max(in, nanos(p.inputPerMillion().max(cached)));
            out = Math.max(out, nanos(p.outputPerMillion()));
        }
        int maxOut = profileMaxTokens != null ? profileMaxTokens
                : modelMaxOutput > 0 ? modelMaxOutput : FALLBACK_MAX_OUTPUT;
        return new WorstCaseCost(in, out, maxOut);
    }

    private static long nanos(BigDecimal usdPerMillion) {
        return BudgetAmount.toNanos(usdPerMillion);
    }

    BudgetAmount of(ChatRequest request, long estimatedInputTokens) {
        long maxOut = request.maxTokens() != null ? request.maxTokens() : defaultMaxOutput;
        long cost = ceilDiv(saturatingAdd(saturatingMul(estimatedInputTokens, inputNanoPerMillion),
                saturatingMul(maxOut, outputNanoPerMillion)), 1_000_000);
        return new BudgetAmount(cost, estimatedInputTokens + maxOut);
    }

    private static long saturatingMul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long ceilDiv(long a, long b) {
        return Math.ceilDiv(a, b);
    }
}
