package dev.baton.server.api.internal;

import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs this server started, in memory: by id, and newest first for listings. A finished run
 * is forgotten {@code retention} after it finished (its artifacts stay on disk, under
 * {@code /api/v1/artifacts}); beyond {@code maxRuns} the oldest finished runs go first. Running
 * runs are never forgotten. Thread-safe.
 */
public final class RunRegistry {

    /** One page of a listing and the sequence number to continue after (null: the last page). */
    public record Page(List<ApiRun> runs, @Nullable Long next) {
    }

    private final Map<String, ApiRun> byId = new ConcurrentHashMap<>();
    private final ConcurrentNavigableMap<Long, ApiRun> bySeq = new ConcurrentSkipListMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final Clock clock;
    private final Duration retention;
    private final int maxRuns;

    public RunRegistry(Clock clock, Duration retention, int maxRuns) {
        this.clock = clock;
        this.retention = retention;
        this.maxRuns = maxRuns;
    }

    /** The next sequence number, for a run about to start. */
    long nextSeq() {
        return seq.incrementAndGet();
    }

    Instant now() {
        return clock.instant();
    }

    /** How long a finished run is kept. */
    Duration retention() {
        return retention;
    }

    /** Adds a started run, forgetting expired ones first. */
    void add(ApiRun run) {
        evict();
        byId.put(run.id(), run);
        bySeq.put(run.seq(), run);
    }

    /** The run {@code id} if {@code caller} may see it: its own, or any without authentication. */
    public Optional<ApiRun> find(String id, @Nullable String caller) {
        ApiRun run = byId.get(id);
        return run != null && visible(run, caller) ? Optional.of(run) : Optional.empty();
    }

    /**
     * The runs {@code caller} may see, newest first, started before the run of sequence
     * {@code before} (null: from the newest), of {@code ensemble} and {@code status} when given.
     */
    public Page list(@Nullable String caller, @Nullable String ensemble, @Nullable String status, @Nullable Long before,
                     int limit) {
        List<ApiRun> out = new ArrayList<>(limit);
        var from = before == null ? bySeq.descendingMap() : bySeq.headMap(before, false).descendingMap();
        for (ApiRun run : from.values()) {
            if (!visible(run, caller)) continue;
            if (ensemble != null && !ensemble.equals(run.ensemble())) continue;
            if (status != null && !status.equals(run.status())) continue;
            if (out.size() == limit) return new Page(out, out.getLast().seq());
            out.add(run);
        }
        return new Page(out, null);
    }

    /** Every run still running. */
    public List<ApiRun> running() {
        return bySeq.values().stream().filter(r -> !r.finished()).toList();
    }

    /** Every run known, for waking their readers. */
    public List<ApiRun> all() {
        return List.copyOf(bySeq.values());
    }

    private static boolean visible(ApiRun run, @Nullable String caller) {
        return caller == null || run.owner() == null || Objects.equals(run.owner(), caller);
    }

    private void evict() {
        Instant cutoff = clock.instant().minus(retention);
        for (ApiRun run : bySeq.values()) {
            Instant done = run.finishedAt();
            if (done != null && done.isBefore(cutoff)) forget(run);
        }
        if (bySeq.size() < maxRuns) return;
        for (ApiRun run : bySeq.values()) { // oldest first
            if (bySeq.size() < maxRuns) break;
            if (run.finished()) forget(run);
        }
    }

    private void forget(ApiRun run) {
        bySeq.remove(run.seq());
        byId.remove(run.id());
    }
}
