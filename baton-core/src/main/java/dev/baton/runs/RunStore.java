package dev.baton.runs;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The run records of the REST API in the store, shared by every replica on it. Writes of the
 * replica running a run go through the store's batched writer; {@link #save} returns at once,
 * {@link #saveNow} once other replicas can read the row. Thread-safe.
 */
public interface RunStore {

    /** Queues a write of {@code run} (inserted, or replacing an older version of it); returns at once. */
    void save(RunRecord run);

    /** Writes {@code run} as {@link #save} does and waits until it is committed. */
    void saveNow(RunRecord run);

    /** The run {@code id}, or empty when the store has none (never started here, or deleted after retention). */
    Optional<StoredRun> find(String id);

    /** The runs {@code query} asks for, newest first. */
    RunPage list(RunQuery query);

    /**
     * Asks the replica running {@code id} to cancel it (it looks within a fraction of a second).
     *
     * @return false when the run is unknown or has finished
     */
    boolean requestCancel(String id);

    /** Of the runs {@code replica} is running, those a client asked to cancel. */
    Set<String> cancelRequested(String replica);

    /** Renews, at {@code at}, the heartbeat of every run {@code replica} is running. */
    void heartbeat(String replica, Instant at);

    /**
     * Marks every run still {@code running} whose heartbeat is older than {@code heartbeatBefore}
     * {@link RunRecord#ABANDONED} (finished at {@code now}, with the reason); any replica may.
     *
     * @return how many it marked
     */
    int abandonExpired(Instant heartbeatBefore, Instant now);

    /**
     * Deletes the runs that finished before {@code cutoff}, with their events.
     *
     * @return how many runs it deleted
     */
    int deleteFinishedBefore(Instant cutoff);
}
