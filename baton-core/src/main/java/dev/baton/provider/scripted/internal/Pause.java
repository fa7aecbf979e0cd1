package dev.baton.provider.scripted.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A scripted wait that ends early when cancelled (a stream is closed), fails with TIMEOUT when the
 * request's deadline comes first, and fails when the waiting thread is interrupted (the interrupt
 * flag is kept set).
 */
public final class Pause {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final Instant deadline;
    private final ErrorContext context;

    public Pause(Instant deadline, ErrorContext context) {
        this.deadline = deadline;
        this.context = context;
    }

    public void cancel() {
        cancelled.countDown();
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Fails with TIMEOUT if the deadline has already passed. */
    public void checkDeadline() {
        if (deadline != null && !Instant.now().isBefore(deadline)) throw deadlinePassed(Duration.ZERO);
    }

    /** Waits {@code millis}; returns false when cancelled before the time was up. */
    public boolean await(long millis) {
        checkDeadline();
        if (millis <= 0) return !isCancelled();
        Duration wanted = Duration.ofMillis(millis);
        Duration allowed = deadline == null ? wanted : Duration.between(Instant.now(), deadline);
        boolean deadlineFirst = allowed.compareTo(wanted) < 0;
        try {
            if (cancelled.await(Math.max(0, (deadlineFirst ? allowed : wanted).toNanos()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BatonException.builder(ErrorCode.TIMEOUT, "interrupted while the scripted model was waiting")
                    .reason(ErrorReason.CANCELLED).retriable(false).context(context).cause(e).build();
        }
        if (deadlineFirst) throw deadlinePassed(wanted);
        return true;
    }

    private BatonException deadlinePassed(Duration wanted) {
        String what = wanted.isZero() ? "" : " during a scripted wait of " + wanted.toMillis() + " ms";
        return BatonException.builder(ErrorCode.TIMEOUT, "the request deadline passed" + what)
                .context(context).build();
    }
}
