package dev.baton.server.api.internal;

import dev.baton.runs.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The store-side upkeep of this replica's runs, on one virtual thread: every {@link #CANCEL_POLL}
 * it cancels its runs that a client asked another replica to cancel; every {@link #HEARTBEAT} it
 * renews their heartbeat; every {@link #SWEEP} it marks the runs of replicas whose heartbeat is
 * older than {@link #LEASE} {@code abandoned} (any replica may, and a restarted one does for the
 * runs its previous process left); every {@link #RETENTION_SWEEP} it deletes runs finished more
 * than {@code retention} ago, with their events.
 */
public final class RunLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);
    /** How often this replica looks for cancel requests of its runs (a cancel on another replica takes effect within this). */
    static final Duration CANCEL_POLL = Duration.ofMillis(200);
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** A run whose heartbeat is older than this is abandoned: five heartbeats missed. */
    public static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration SWEEP = Duration.ofSeconds(5);
    static final Duration RETENTION_SWEEP = Duration.ofSeconds(60);

    private final RunRegistry registry;
    private final RunStore runs;
    private final String replica;
    private final Clock clock;
    private final Duration retention;
    private final Thread thread;
    private volatile boolean closed;
    /** The runs already cancelled on request, so each is cancelled (and logged) once. */
    private final Set<String> cancelled = new java.util.HashSet<>();

    public RunLeases(RunRegistry registry, Clock clock, Duration retention) {
        this.registry = registry;
        this.runs = registry.recorder().runs();
        this.replica = registry.recorder().replica();
        this.clock = clock;
        this.retention = retention;
        this.thread = Thread.ofVirtual().name("baton-run-leases").unstarted(this::loop);
    }

    public RunLeases start() {
        thread.start();
        return this;
    }

    private void loop() {
        long start = System.nanoTime(); // nanoTime has no zero: each job is due at once from here
        long lastHeartbeat = start - HEARTBEAT.toNanos();
        long lastSweep = start - SWEEP.toNanos();
        long lastRetention = start - RETENTION_SWEEP.toNanos();
        while (!closed) {
            try {
                long now = System.nanoTime();
                List<ApiRun> running = registry.running();
                if (!running.isEmpty()) cancelRequested(running);
                if (!running.isEmpty() && now - lastHeartbeat >= HEARTBEAT.toNanos()) {
                    runs.heartbeat(replica, clock.instant());
                    lastHeartbeat = now;
                }
                if (now - lastSweep >= SWEEP.toNanos()) {
                    abandonExpired();
                    lastSweep = now;
                }
                if (now - lastRetention >= RETENTION_SWEEP.toNanos()) {
                    runs.deleteFinishedBefore(clock.instant().minus(retention));
                    lastRetention = now;
                }
            } catch (RuntimeException e) {
                if (closed) return;
                LOG.warn("run upkeep failed: {}", e.toString());
            }
            try {
                Thread.sleep(CANCEL_POLL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void cancelRequested(List<ApiRun> running) {
        Set<String> asked = runs.cancelRequested(replica);
        cancelled.retainAll(asked);
        if (asked.isEmpty()) return;
        for (ApiRun run : running) {
            if (asked.contains(run.id()) && cancelled.add(run.id())) {
                LOG.info("run {} of {} cancelled at another replica's request", run.id(), run.ensemble());
                run.cancel();
            }
        }
    }

    private void abandonExpired() {
        Instant now = clock.instant();
        int abandoned = runs.abandonExpired(now.minus(LEASE), now);
        if (abandoned > 0) LOG.info("{} run(s) abandoned: their replica stopped renewing its heartbeat", abandoned);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
