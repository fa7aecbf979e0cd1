package dev.baton.ensemble.service;

import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.IndexedRun;
import dev.baton.artifact.StoredRun;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The runs recorded under {@link #root()} ({@code .baton/artifacts} of the project; outside a
 * project the data directory's {@code artifacts}) and their index in the Baton's database. The
 * files are the source of truth; the index is for queries. With a PostgreSQL store (team mode) the
 * store's rows are the source of truth instead, shared by every replica of the project, and the
 * files under {@link #root()} are the running replica's copy. Thread-safe.
 */
public interface Artifacts {

    Path root();

    /** Stored runs of {@code ensemble} (every ensemble when null), newest first, at most {@code limit}. */
    List<StoredRun> list(String ensemble, int limit);

    /** The run {@code execution} ({@code yyyyMMdd-HHmmss-SSS}; null or {@code latest}: the newest) of {@code ensemble}. */
    Optional<StoredRun> show(String ensemble, String execution);

    /** Deletes the runs started before {@code cutoff}, their index entries too; returns how many runs. */
    int cleanupOlderThan(Instant cutoff);

    /**
     * Deletes the run {@code id} ({@code yyyyMMdd-HHmmss-SSS}) of {@code ensemble}, its index entry
     * too, and points {@code latest} at the newest run left; false when there is no such run.
     */
    boolean delete(String ensemble, String id);

    /**
     * The runs of {@code ensemble} (every ensemble when null) started before {@code olderThan}
     * (any age when null) beyond the {@code keepNewest} newest of each ensemble (none kept when
     * null), newest first; deleted unless {@code dryRun}. At least one of the two rules is required.
     *
     * @throws IllegalArgumentException when both rules are null or {@code keepNewest} is negative
     */
    List<ArtifactRef> cleanup(String ensemble, Instant olderThan, Integer keepNewest, boolean dryRun);

    /** Index entries of {@code ensemble} (every ensemble when null), newest first, at most {@code limit}. */
    List<IndexedRun> indexed(String ensemble, int limit);

    /**
     * Records a run made outside the ensemble engine (a coordinator request) like an ensemble run:
     * {@code execution.json} (the run's JSON with {@code extra}'s fields added at its top level),
     * {@code execution.md}, {@code latest} and the run index. Never throws for a write or index
     * failure: the outcome says what went wrong.
     */
    ArtifactOutcome record(dev.baton.ensemble.run.RunResult result, java.util.Map<String, tools.jackson.databind.JsonNode> extra);
}
