package dev.baton.usage.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetKey;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.BudgetSpend;
import dev.baton.usage.BudgetStore;
import dev.baton.usage.LeaseGrant;

/**
 * A {@link BudgetStore} in memory, for one process without a database (and tests). Several
 * instances may share one {@link Shared} state to play several owners.
 */
public final class InMemoryBudgetStore implements BudgetStore {

    /** The state several owners share, standing in for a database. */
    public static final class Shared {
        private final ReentrantLock lock = new ReentrantLock();
        private final Map<BudgetKey, BudgetAmount> spent = new HashMap<>();
        private final Map<BudgetKey, Map<String, Lease>> leases = new HashMap<>();
    }

    private record Lease(BudgetAmount amount, Instant expires) {
    }

    private final Shared shared;
    private final String owner;

    public InMemoryBudgetStore() {
        this(new Shared(), "memory:" + UUID.randomUUID());
    }

    public InMemoryBudgetStore(Shared shared, String owner) {
        this.shared = shared;
        this.owner = owner;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public LeaseGrant acquire(BudgetKey key, BudgetAmount need, BudgetAmount want, BudgetAmount limit, Instant now,
                              Instant expires) {
        shared.lock.lock();
        try {
            shared.leases.values().forEach(m -> m.values().removeIf(l -> l.expires().isBefore(now)));
            BudgetAmount spent = shared.spent.getOrDefault(key, BudgetAmount.ZERO);
            Map<String, Lease> byOwner = shared.leases.computeIfAbsent(key, k -> new HashMap<>());
            BudgetAmount own = byOwner.containsKey(owner) ? byOwner.get(owner).amount() : BudgetAmount.ZERO;
            BudgetAmount others = BudgetAmount.ZERO;
            for (Map.Entry<String, Lease> e : byOwner.entrySet()) {
                if (!e.getKey().equals(owner)) others = others.plus(e.getValue().amount());
            }
            LeaseArithmetic.Result r = LeaseArithmetic.grant(limit, spent, others, own, need, want);
            byOwner.put(owner, new Lease(r.lease(), expires));
            return new LeaseGrant(r.granted(), r.lease(), spent, others);
        } finally {
            shared.lock.unlock();
        }
    }

    @Override
    public void settle(BudgetKey key, BudgetAmount actual, Instant expires) {
        shared.lock.lock();
        try {
            shared.spent.merge(key, actual, BudgetAmount::plus);
            Map<String, Lease> byOwner = shared.leases.get(key);
            Lease own = byOwner == null ? null : byOwner.get(owner);
            if (own != null) byOwner.put(owner, new Lease(LeaseArithmetic.spendFrom(own.amount(), actual), expires));
        } finally {
            shared.lock.unlock();
        }
    }

    @Override
    public Map<BudgetKey, BudgetAmount> renew(Instant expires) {
        shared.lock.lock();
        try {
            Map<BudgetKey, BudgetAmount> alive = new HashMap<>();
            shared.leases.forEach((key, byOwner) -> {
                Lease own = byOwner.get(owner);
                if (own != null) {
                    byOwner.put(owner, new Lease(own.amount(), expires));
                    alive.put(key, own.amount());
                }
            });
            return alive;
        } finally {
            shared.lock.unlock();
        }
    }

    @Override
    public void release() {
        shared.lock.lock();
        try {
            shared.leases.values().forEach(m -> m.remove(owner));
        } finally {
            shared.lock.unlock();
        }
    }

    @Override
    public List<BudgetSpend> spends(BudgetScope scope, String scopeKey, String bucketPrefix, Instant now) {
        shared.lock.lock();
        try {
            List<BudgetSpend> out = new ArrayList<>();
            java.util.Set<BudgetKey> keys = new java.util.TreeSet<>(shared.spent.keySet());
            keys.addAll(shared.leases.keySet());
            for (BudgetKey k : keys) {
                if (k.scope() != scope || (scopeKey != null && !scopeKey.equals(k.scopeKey()))
                        || !k.bucket().startsWith(bucketPrefix)) continue;
                BudgetAmount leased = BudgetAmount.ZERO;
                for (Lease l : shared.leases.getOrDefault(k, Map.of()).values()) {
                    if (!l.expires().isBefore(now)) leased = leased.plus(l.amount());
                }
                out.add(new BudgetSpend(k, shared.spent.getOrDefault(k, BudgetAmount.ZERO), leased));
            }
            return out;
        } finally {
            shared.lock.unlock();
        }
    }

    @Override
    public void flush() {
    }
}
