package dev.baton.task.internal;

import java.time.Duration;

/** The wait before attempt {@code n + 1} after {@code n} failed ones: 1 s doubling, at most 5 minutes. */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(5);

    private Backoff() {
    }

    static Duration after(int failedAttempts, Duration first) {
        int shift = Math.max(0, Math.min(failedAttempts - 1, 20));
        Duration d = first.multipliedBy(1L << shift);
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
