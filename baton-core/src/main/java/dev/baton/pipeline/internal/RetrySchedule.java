package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorReason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import dev.baton.pipeline.RetryPolicy;

/**
 * The retry state of one call: how many attempts were made, when the first began, and the
 * decision whether (and after how long) the next attempt may start. Not thread-safe: one call.
 */
final class RetrySchedule {

    private final RetryPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final Instant deadline;
    private final long startNanos = System.nanoTime();
    private final java.util.function.Consumer<BatonException> onRetry;
    private int attempts = 1;

    RetrySchedule(RetryPolicy policy, Clock clock, RandomGenerator random, Instant deadline) {
        this(policy, clock, random, deadline, e -> { });
    }

    /** @param onRetry told of each failure that will be retried (metrics) */
    RetrySchedule(RetryPolicy policy, Clock clock, RandomGenerator random, Instant deadline,
                  java.util.function.Consumer<BatonException> onRetry) {
        this.onRetry = onRetry;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.deadline = deadline;
    }

    int attempts() {
        return attempts;
    }

    /**
     * The delay before the next attempt after {@code failure}; rethrows {@code failure} when it
     * must not be retried: not retriable by its code and flags, cancelled, the attempts or the
     * retry budget used up, or the deadline too close for the delay.
     */
    Duration next(BatonException failure) {
        if (!isRetriable(failure) || attempts >= policy.maxAttempts()) throw failure;
        Duration delay = failure.retryAfter().map(policy::cappedRetryAfter)
                .orElseGet(() -> policy.backoff(attempts, random));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        if (elapsed.plus(delay).compareTo(policy.totalRetryBudget()) > 0) throw failure;
        if (deadline != null && !clock.instant().plus(delay).isBefore(deadline)) throw failure;
        attempts++;
        onRetry.accept(failure);
        return delay;
    }

    /** Sleeps for {@code delay}; an interrupt (a deadline) ends the retries with {@code failure}. */
    void sleep(Duration delay, BatonException failure) {
        if (delay.isZero()) return;
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    static boolean isRetriable(BatonException failure) {
        return failure.retriable() && failure.reason() != ErrorReason.CANCELLED
                && !Thread.currentThread().isInterrupted();
    }
}
