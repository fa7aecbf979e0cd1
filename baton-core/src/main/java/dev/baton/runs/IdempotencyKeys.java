package dev.baton.runs;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code Idempotency-Key}s in the store: one row per caller and key, claimed by the first request
 * (a unique key, so of two replicas racing on one key exactly one wins), bound to its route and
 * body hash, holding its response once it has one. Thread-safe.
 */
public interface IdempotencyKeys {

    /** A key's row. {@code status}, {@code response} and {@code location} are set once {@code done}. */
    record Entry(String caller, String key, String route, String bodySha256, boolean done, int status,
                 @Nullable String response, @Nullable String location, String replica, Instant createdAt) {
    }

    /**
     * Claims {@code (caller, key)} for a request of {@code route} and {@code bodySha256} unless it
     * is claimed already.
     *
     * @return empty when this request claimed it (it should run and then {@link #complete} or
     *         {@link #release}), else the entry that holds it
     */
    Optional<Entry> claim(String caller, String key, String route, String bodySha256, String replica, Instant at);

    /** Stores the response of the request that claimed the key; waits for the commit. */
    void complete(String caller, String key, int status, String response, @Nullable String location);

    /** Frees a key whose request failed (waits for the commit), so a retry may claim it. */
    void release(String caller, String key);

    /** The entry of {@code (caller, key)}. */
    Optional<Entry> find(String caller, String key);

    /** Deletes the entry of {@code (caller, key)} if it was made at {@code createdAt} (still the same claim). */
    boolean remove(String caller, String key, Instant createdAt);

    /**
     * Deletes the answered entries made before {@code cutoff}.
     *
     * @return how many
     */
    int deleteDoneBefore(Instant cutoff);
}
