package dev.baton.artifact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A queryable index of written runs (the artifacts on disk stay the source of truth).
 * Implementations are thread-safe.
 */
public interface ArtifactIndex extends AutoCloseable {

    /** Adds or replaces the entry of {@code run.runId()}. */
    void record(IndexedRun run);

    /** Runs of {@code ensemble} (all ensembles when null), newest first, at most {@code limit}. */
    List<IndexedRun> list(String ensemble, int limit);

    Optional<IndexedRun> find(String runId);

    /** Removes entries of runs started before {@code cutoff}; returns how many. */
    int deleteStartedBefore(Instant cutoff);

    void delete(String runId);

    @Override
    void close();
}
