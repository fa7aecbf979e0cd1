package dev.baton.store.internal;

import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetKey;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Settlements waiting for the writer, summed per counter. Callers add; the writer drains. At most
 * one drain op is queued at a time ({@link #claimDrain()}), so a burst of calls costs one op.
 */
final class PendingSettlements {

    /** The sum waiting for one counter and the latest lease expiry asked for. */
    record Pending(BudgetAmount amount, Instant expires) {
        Pending plus(Pending o) {
            return new Pending(amount.plus(o.amount), expires.isAfter(o.expires) ? expires : o.expires);
        }
    }

    private final ConcurrentHashMap<BudgetKey, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    void add(BudgetKey key, BudgetAmount amount, Instant expires) {
        pending.merge(key, new Pending(amount, expires), Pending::plus);
    }

    /** True when the caller must queue a drain op (none is queued yet). */
    boolean claimDrain() {
        return drainQueued.compareAndSet(false, true);
    }

    /** Moves everything pending into {@code into} (summing); writer thread only. */
    void drainInto(Map<BudgetKey, Pending> into) {
        // release the claim first: a settlement added after this point queues a new drain
        drainQueued.set(false);
        for (BudgetKey key : pending.keySet()) {
            Pending p = pending.remove(key);
            if (p != null) into.merge(key, p, Pending::plus);
        }
    }
}
