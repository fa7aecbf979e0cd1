package dev.baton.usage;

import java.util.List;
import dev.baton.usage.internal.NoUsageLedger;

/**
 * Where every call is recorded. {@link #record} must be cheap and must not block on storage
 * (implementations batch writes); {@link #flush()} waits until everything recorded so far is
 * durable, {@link #close()} flushes then releases the store. Thread-safe.
 */
public interface UsageLedger extends AutoCloseable {

    /** Queues one call for the ledger. */
    void record(UsageRecord record);

    /** Aggregates recorded calls; sees every call recorded before it (it flushes first). */
    List<StatsRow> query(StatsQuery query);

    /**
     * Recorded calls per time bucket and group, oldest bucket first; sees every call recorded
     * before it. A ledger that keeps no history answers none.
     */
    default List<SeriesPoint> series(SeriesQuery query) {
        return List.of();
    }

    /** Waits until every call recorded so far is stored. */
    void flush();

    @Override
    void close();

    /** A ledger that keeps nothing, for pipelines without one. */
    static UsageLedger none() {
        return NoUsageLedger.INSTANCE;
    }
}
