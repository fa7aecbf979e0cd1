package dev.baton.pipeline.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Prices;
import dev.baton.usage.BudgetAmount;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.TokenEstimator;

/**
 * The most a call may cost, reserved before it starts: for every profile the call may reach (the
 * entry profile and each fallback), the request that profile will really send (its request
 * defaults applied: system prompt, max tokens...), its input bounded from above by
 * {@link TokenEstimator#UTF8_UPPER_BOUND}, plus the largest output allowed ({@code maxTokens} of the
 * request, else of the profile, else the model's maximum, else {@value #FALLBACK_MAX_OUTPUT}), at
 * that profile's input and output prices; the dearest candidate is reserved. Prices are kept in
 * nano-dollars per million tokens for integer arithmetic.
 * <p>
 * {@link #of(ChatRequest)} is the cheap bound every call reserves first. A candidate whose
 * tokenizer is known exactly ({@link Candidate#exactInput}, e.g. {@link OpenAiTokenCounts}) has a
 * second, tighter bound, {@link #exactOf}, which costs a tokenizer pass: the budget layer computes
 * it only when the cheap bound was refused.
 */
public final class WorstCaseCost {

    /** The output size assumed when neither request, profile nor model names one. */
    static final int FALLBACK_MAX_OUTPUT = 4096;

    /**
     * One profile of the chain as the budget sees it; {@code exactInput} is the exact input bound of
     * its model when its tokenizer is known ({@code null}: the cheap bound only).
     */
    public record Candidate(Prices prices, UnaryOperator<ChatRequest> defaults, Integer profileMaxTokens, int modelMaxOutput,
                     TokenEstimator exactInput) {
        Candidate(Prices prices, UnaryOperator<ChatRequest> defaults, Integer profileMaxTokens, int modelMaxOutput) {
            this(prices, defaults, profileMaxTokens, modelMaxOutput, null);
        }
    }

    private record Priced(UnaryOperator<ChatRequest> defaults, long inputNanoPerMillion, long outputNanoPerMillion,
                          int defaultMaxOutput, TokenEstimator exactInput) {
    }

    private final List<Priced> candidates;
    private final TokenEstimator bound;
    /** True when no candidate changes the request: the input is bounded once, not per candidate. */
    private final boolean sharedInput;
    /** True when some candidate has an exact input bound, so {@link #exactOf} may be smaller. */
    private final boolean hasExact;

    private WorstCaseCost(List<Priced> candidates, TokenEstimator bound) {
        this.candidates = candidates;
        this.bound = bound;
        this.sharedInput = candidates.stream().allMatch(c -> c.defaults() == PipelineProfile.NO_DEFAULTS);
        this.hasExact = candidates.stream().anyMatch(c -> c.exactInput() != null);
    }

    public static WorstCaseCost of(List<Candidate> chain, TokenEstimator bound) {
        List<Priced> priced = chain.stream().map(WorstCaseCost::priced).toList();
        return new WorstCaseCost(priced, bound);
    }

    private static Priced priced(Candidate c) {
        long in = 0;
        long out = 0;
        Prices p = c.prices();
        if (p != null) {
            BigDecimal cached = p.cachedInputPerMillion() == null ? p.inputPerMillion() : p.cachedInputPerMillion();
            in = BudgetAmount.toNanos(p.inputPerMillion().max(cached));
            out = BudgetAmount.toNanos(p.outputPerMillion());
        }
        int maxOut = c.profileMaxTokens() != null ? c.profileMaxTokens()
                : c.modelMaxOutput() > 0 ? c.modelMaxOutput() : FALLBACK_MAX_OUTPUT;
        return new Priced(c.defaults(), in, out, maxOut, c.exactInput());
    }

    /** The dearest cost and the largest token count of {@code request} over every candidate. */
    BudgetAmount of(ChatRequest request) {
        return amount(request, false);
    }

    /** Whether {@link #exactOf} can be smaller than {@link #of(ChatRequest)}: some candidate has an exact bound. */
    boolean hasExact() {
        return hasExact;
    }

    /**
     * As {@link #of(ChatRequest)}, with each candidate's exact input bound where it has one (never
     * above the cheap bound: both bound the same input, so the smaller is taken). Costs a tokenizer
     * pass over the request per such candidate.
     */
    BudgetAmount exactOf(ChatRequest request) {
        return amount(request, true);
    }

    private BudgetAmount amount(ChatRequest request, boolean exact) {
        long shared = sharedInput ? bound.estimateInputTokens(request) : -1;
        long cost = 0;
        long tokens = 0;
        for (Priced c : candidates) {
            ChatRequest sent = sharedInput ? request : c.defaults().apply(request);
            long input = sharedInput ? shared : bound.estimateInputTokens(sent);
            if (exact && c.exactInput() != null) input = Math.min(input, c.exactInput().estimateInputTokens(sent));
            long maxOut = sent.maxTokens() != null ? sent.maxTokens() : c.defaultMaxOutput();
            long nanos = Math.ceilDiv(saturatingAdd(saturatingMul(input, c.inputNanoPerMillion()),
                    saturatingMul(maxOut, c.outputNanoPerMillion())), 1_000_000);
            cost = Math.max(cost, nanos);
            tokens = Math.max(tokens, saturatingAdd(input, maxOut));
        }
        return new BudgetAmount(cost, tokens);
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
}
