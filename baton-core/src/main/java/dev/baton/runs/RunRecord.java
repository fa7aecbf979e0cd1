package dev.baton.runs;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * One run as the store keeps it. The replica that runs it writes it (each snapshot with a higher
 * {@code version}, so a late older one never overwrites a newer one); every replica reads it.
 *
 * @param id        the engine's run id (also the API's)
 * @param status    {@code running}, then {@code completed}, {@code completed_with_errors},
 *                  {@code failed}, {@code cancelled}, or {@link #ABANDONED} when its replica died
 * @param keyId     the id of the API key that started it (null: no authentication)
 * @param replica   the replica that runs it
 * @param input     the start of its input (at most {@link #INPUT_SUMMARY} characters), or null
 * @param summary   JSON of what a run's state shows of its result (deliverable, totals), once finished
 * @param result    JSON of its whole result ({@code execution.json}'s shape), once finished
 * @param error     why it failed or was abandoned, or null
 * @param artifact  where its artifacts went, once written
 */
public record RunRecord(String id, String ensemble, String status, @Nullable String keyId, @Nullable String batchId,
                        String replica, @Nullable String input, Instant createdAt, @Nullable Instant startedAt,
                        @Nullable Instant finishedAt, @Nullable String summary, @Nullable String result,
                        @Nullable String error, @Nullable Artifact artifact, long version) {

    /** The status of a run whose replica stopped renewing its heartbeat before it finished. */
    public static final String ABANDONED = "abandoned";
    /** The status of a run still running. */
    public static final String RUNNING = "running";
    /** How much of a run's input a record keeps. */
    public static final int INPUT_SUMMARY = 200;

    /** A run's artifacts: the ensemble folder and the execution id under it. */
    public record Artifact(String ensemble, String execution) {
    }

    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ensemble, "ensemble");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(createdAt, "createdAt");
        if (input != null && input.length() > INPUT_SUMMARY) input = input.substring(0, INPUT_SUMMARY);
    }

    public boolean finished() {
        return !RUNNING.equals(status);
    }
}
