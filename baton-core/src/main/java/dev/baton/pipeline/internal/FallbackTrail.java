package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.FallbackStep;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import dev.baton.pipeline.TokenEstimator;

/**
 * The fallback state of one call: the steps given up on so far, the estimated input size, the
 * smallest context window a later candidate must exceed after an overflow, and the last failure.
 * Not thread-safe: one call.
 */
final class FallbackTrail {

    private final List<FallbackCandidate> chain;
    private final ChatRequest request;
    private final TokenEstimator estimator;
    private final Clock clock;
    private final List<FallbackStep> steps = new ArrayList<>(2);
    private final List<BatonException> failures = new ArrayList<>(2);
    private long estimate = -1;
    private int windowToExceed;

    FallbackTrail(List<FallbackCandidate> chain, ChatRequest request, TokenEstimator estimator, Clock clock) {
        this.chain = chain;
        this.request = request;
        this.estimator = estimator;
        this.clock = clock;
    }

    List<FallbackStep> steps() {
        return steps;
    }

    /** Whether {@code c} may be tried; records a step for a candidate skipped for its window. */
    boolean eligible(FallbackCandidate c) {
        int window = c.info().contextWindow();
        if (window <= 0) return true;
        if (windowToExceed > 0 && window <= windowToExceed) {
            steps.add(new FallbackStep(c.profile(), c.info().model(), ErrorCode.INVALID_REQUEST,
                    "skipped: context window " + window + " is not larger than " + windowToExceed + ", which overflowed"));
            return false;
        }
        if (!c.fits(estimate())) {
            steps.add(new FallbackStep(c.profile(), c.info().model(), ErrorCode.INVALID_REQUEST,
                    "skipped: estimated " + estimate() + " input tokens exceed the context window of " + window));
            return false;
        }
        return true;
    }

    /** Records a failure of {@code c}, or rethrows it when it is no reason to fall back. */
    void failed(FallbackCandidate c, BatonException e) {
        failures.add(e);
        if (!worthFallingBack(e)) throw finalFailure(e);
        steps.add(new FallbackStep(c.profile(), c.info().model(), e.code(), e.getMessage()));
        if (e.reason() == ErrorReason.CONTEXT_OVERFLOW && c.info().contextWindow() > 0) {
            windowToExceed = Math.max(windowToExceed, c.info().contextWindow());
        }
    }

    /** The failure to throw when no candidate is left. */
    BatonException exhausted() {
        if (!failures.isEmpty()) return finalFailure(failures.getLast());
        String windows = chain.stream().map(c -> c.profile() + "(" + c.info().contextWindow() + ")")
                .collect(Collectors.joining(", "));
        return BatonException.builder(ErrorCode.INVALID_REQUEST, "estimated " + estimate()
                        + " input tokens exceed the context window of every profile in the chain: " + windows)
                .reason(ErrorReason.CONTEXT_OVERFLOW)
                .suggestion("Shorten the input or add a profile with a larger context window to the fallbacks.")
                .build();
    }

    private BatonException finalFailure(BatonException last) {
        for (BatonException earlier : failures) {
            if (earlier != last) last.addSuppressed(earlier);
        }
        return last;
    }

    private boolean worthFallingBack(BatonException e) {
        if (e.reason() == ErrorReason.CANCELLED || Thread.currentThread().isInterrupted()) return false;
        if (request.deadline() != null && !clock.instant().isBefore(request.deadline())) return false;
        return e.retriable() || e.code() == ErrorCode.MODEL_UNAVAILABLE || e.code() == ErrorCode.VALIDATION
                || e.reason() == ErrorReason.CONTEXT_OVERFLOW;
    }

    private long estimate() {
        if (estimate < 0) estimate = estimator.estimateInputTokens(request);
        return estimate;
    }
}
