package dev.baton.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Durable budget counters shared by every process using the same database. A process does not
 * reserve each call in the store: it leases headroom (a slice of a limit) for an owner id with an
 * expiry, spends it from memory, and settles the actual spend in batches. The store guarantees
 * that settled spend plus every live lease never exceeds the limit, and that leases of an owner
 * that stopped renewing (a dead process) expire. One instance belongs to one owner. Thread-safe.
 */
public interface BudgetStore {

    /** The owner id leases are held under: process id plus a unique suffix. */
    String owner();

    /**
     * In one store transaction: drops expired leases of all owners, then grows this owner's lease
     * of {@code key} by up to {@code want} (by at least {@code need}, or not at all) within
     * {@code limit} and sets its expiry. Negative limit figures mean no limit on that dimension
     * (nothing is leased for it). Sees every settlement queued before it.
     */
    LeaseGrant acquire(BudgetKey key, BudgetAmount need, BudgetAmount want, BudgetAmount limit, Instant now,
                       Instant expires);

    /** Queues a settlement: {@code actual} moves from this owner's lease of {@code key} to its spend. */
    void settle(BudgetKey key, BudgetAmount actual, Instant expires);

    /** Extends every lease of this owner; returns the leases that still exist (expired ones are gone). */
    Map<BudgetKey, BudgetAmount> renew(Instant expires);

    /** Applies queued settlements, then deletes this owner's leases. */
    void release();

    /** Stored counters of {@code scope}, one key or all ({@code null}), buckets starting with {@code bucketPrefix}. */
    List<BudgetSpend> spends(BudgetScope scope, String scopeKey, String bucketPrefix, Instant now);

    /** Waits until queued settlements are stored. */
    void flush();

    /**
     * Whether processes on other machines share this store (PostgreSQL): then rpm/tpm windows are
     * kept in it too, as per-minute counters leased like budgets, so a rate limit holds across
     * replicas. A store on one machine (SQLite, memory) leaves windows to each process.
     */
    default boolean sharedAcrossMachines() {
        return false;
    }
}
