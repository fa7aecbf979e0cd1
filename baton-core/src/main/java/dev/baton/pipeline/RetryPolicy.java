package dev.baton.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a profile retries retriable failures: at most {@code maxAttempts} attempts in all (the
 * first one included), exponential backoff with full jitter between {@code 0} and
 * {@code min(maxDelay, baseDelay * 2^(retry-1))}, a provider's Retry-After honoured up to
 * {@code maxRetryAfter}, and no attempt started once {@code totalRetryBudget} has elapsed since the
 * first one. Null durations take the {@link #DEFAULT} values.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
                          Duration totalRetryBudget) {

    /** 3 attempts, 250 ms base, 8 s cap, Retry-After capped at 30 s, 60 s in all. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(8),
            Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        baseDelay = orDefault(baseDelay, Duration.ofMillis(250));
        maxDelay = orDefault(maxDelay, Duration.ofSeconds(8));
        maxRetryAfter = orDefault(maxRetryAfter, Duration.ofSeconds(30));
        totalRetryBudget = orDefault(totalRetryBudget, Duration.ofSeconds(60));
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        Duration d = Objects.requireNonNullElse(value, fallback);
        if (d.isNegative()) throw new IllegalArgumentException("retry durations must not be negative: " + d);
        return d;
    }

    /** This policy with {@code attempts} attempts in all; the same policy when that is already its number. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return attempts == maxAttempts ? this
                : new RetryPolicy(attempts, baseDelay, maxDelay, maxRetryAfter, totalRetryBudget);
    }

    /**
     * The full-jitter backoff before retry number {@code retry} (1 for the first retry): uniform in
     * {@code [0, min(maxDelay, baseDelay * 2^(retry-1))]}.
     */
    public Duration backoff(int retry, RandomGenerator random) {
        long base = baseDelay.toNanos();
        long cap = maxDelay.toNanos();
        int shift = Math.min(Math.max(retry - 1, 0), 40);
        long ceiling = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        return ceiling <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    }

    /** The provider's requested delay, capped at {@code maxRetryAfter}. */
    public Duration cappedRetryAfter(Duration requested) {
        if (requested.isNegative()) return Duration.ZERO;
        return requested.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : requested;
    }
}
