package dev.baton.server.api.internal;

import dev.baton.runs.RunCursor;
import dev.baton.runs.RunPage;
import dev.baton.runs.RunQuery;
import dev.baton.runs.RunRecord;
import dev.baton.runs.StoredRun;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST API's runs: those of every replica in the store (the shared truth, read for listings
 * and for runs another replica runs) and this replica's own in memory, which answer for
 * themselves (their state is ahead of the store's by at most one queued write). A run is added
 * to the store before its start is answered, so any replica finds it at once. This replica
 * forgets a finished run of its own {@code retention} after it finished (beyond {@code maxRuns}
 * the oldest finished first); the store keeps it until its retention sweep. Thread-safe.
 */
public final class RunRegistry {

    /** A run as a request sees it: its record, how many events it has, and the run itself when this replica runs it. */
    public record Seen(RunRecord record, long events, @Nullable ApiRun local) {
    }

    /** One page of a listing and where the next starts (null: the last page). */
    public record Page(List<Seen> runs, @Nullable RunCursor next) {
    }

    private final Map<String, ApiRun> local = new ConcurrentHashMap<>();
    private final RunRecorder recorder;
    private final Clock clock;
    private final Duration retention;
    private final int maxRuns;

    public RunRegistry(RunRecorder recorder, Clock clock, Duration retention, int maxRuns) {
        this.recorder = recorder;
        this.clock = clock;
        this.retention = retention;
        this.maxRuns = maxRuns;
    }

    Instant now() {
        return clock.instant();
    }

    /** How long a finished run is kept. */
    Duration retention() {
        return retention;
    }

    RunRecorder recorder() {
        return recorder;
    }

    /** Adds a started run of this replica and waits until the store has it, forgetting expired ones first. */
    void add(ApiRun run) {
        evict();
        local.put(run.id(), run);
        recorder.saveNow(run);
    }

    /** This replica's run {@code id}, if it runs (or ran) it and still holds it. */
    Optional<ApiRun> local(String id) {
        return Optional.ofNullable(local.get(id));
    }

    /** The run {@code id} if {@code caller} may see it (its own, or any without authentication), from any replica. */
    public Optional<Seen> find(String id, @Nullable String caller) {
        ApiRun run = local.get(id);
        if (run != null) return visible(run.owner(), caller) ? Optional.of(seen(run)) : Optional.empty();
        return recorder.runs().find(id).filter(s -> visible(s.record().keyId(), caller))
                .map(s -> new Seen(s.record(), s.events(), null));
    }

    /**
     * The runs {@code caller} may see, newest first, older than {@code before} (null: from the
     * newest), of {@code ensemble} and {@code status} when given: read from the store, this
     * replica's own runs as it knows them.
     */
    public Page list(@Nullable String caller, @Nullable String ensemble, @Nullable String status, @Nullable RunCursor before,
                     int limit) {
        RunPage page = recorder.runs().list(new RunQuery(caller, ensemble, status, before, limit));
        List<Seen> out = new ArrayList<>(page.runs().size());
        for (StoredRun s : page.runs()) {
            ApiRun run = local.get(s.record().id());
            out.add(run != null ? seen(run) : new Seen(s.record(), s.events(), null));
        }
        return new Page(out, page.next());
    }

    /** Every run of this replica still running. */
    public List<ApiRun> running() {
        return local.values().stream().filter(r -> !r.finished()).toList();
    }

    /** Every run this replica holds, for waking their readers. */
    public List<ApiRun> all() {
        return List.copyOf(local.values());
    }

    private static Seen seen(ApiRun run) {
        return new Seen(run.record(), run.log().lastId(), run);
    }

    private static boolean visible(@Nullable String owner, @Nullable String caller) {
        return caller == null || owner == null || Objects.equals(owner, caller);
    }

    private void evict() {
        Instant cutoff = clock.instant().minus(retention);
        local.values().removeIf(run -> run.finishedAt() != null && run.finishedAt().isBefore(cutoff));
        if (local.size() < maxRuns) return;
        List<ApiRun> finished = local.values().stream().filter(ApiRun::finished)
                .sorted(Comparator.comparing(ApiRun::createdAt)).toList();
        for (ApiRun run : finished) { // oldest first
            if (local.size() < maxRuns) break;
            local.remove(run.id(), run);
        }
    }
}
