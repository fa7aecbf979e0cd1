package dev.baton.server.api.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the readers of another replica's run when the store says it has new events (PostgreSQL
 * {@code NOTIFY}, heard by one listener per server). A reader takes its {@link #ticket} before it
 * reads the store and waits on it after finding nothing, so an event committed in between wakes
 * it at once. Thread-safe.
 */
final class RunSignals {

    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    /** What a reader of run {@code runId} waits on for the next signal. */
    CountDownLatch ticket(String runId) {
        return waiting.computeIfAbsent(runId, id -> new CountDownLatch(1));
    }

    /** Events of {@code runId} were committed: wakes its readers. */
    void signal(String runId) {
        CountDownLatch l = waiting.remove(runId);
        if (l != null) l.countDown();
    }

    /** Wakes every reader (the server is stopping). */
    void signalAll() {
        waiting.keySet().forEach(this::signal);
    }

    /** Waits on {@code ticket} up to {@code max}. */
    static void await(CountDownLatch ticket, Duration max) throws InterruptedException {
        ticket.await(max.toNanos(), TimeUnit.NANOSECONDS);
    }
}
