package dev.baton.usage;

import dev.baton.error.BatonException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces budget limits (USD and tokens per scope and period) and rate limits (requests and
 * tokens per minute) before a call and books the actual spend after it.
 * <p>
 * {@link #reserve} holds the call's worst case on every counter that applies; concurrent callers
 * can therefore never push spend past a limit. Within the process the counters are authoritative
 * and guarded by locks; across processes each counter spends from headroom leased from the
 * {@link BudgetStore}, renewed in the background and released on {@link #close()}. A call no limit
 * applies to costs a loop over the configured limits and nothing else. Rate limits count per
 * process.
 * <p>
 * Besides the configured limits, each Baton API key may carry its own ({@link #keyLimits}): a call
 * whose {@link BudgetSubject#batonKey()} names a key is held to the configured limits and to that
 * key's, which are asked of the source on the key's first call and kept until
 * {@link #reloadKey}. Thread-safe.
 */
public final class BudgetEnforcer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetEnforcer.class);

    /** The configured limits. */
    private final LimitSet base;
    /** The configured limits plus a key's own, by Baton key id, filled on each key's first call. */
    private final ConcurrentHashMap<String, LimitSet> keySets = new ConcurrentHashMap<>();
    private volatile ApiKeyLimits keySource;
    private final BudgetStore store;
    private final Clock clock;
    private final BudgetOptions options;
    private final BudgetRefusals refusals;
    private final ConcurrentHashMap<BudgetKey, BudgetCounter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RateWindow> windows = new ConcurrentHashMap<>();
    /** This minute's counters of rate windows shared through the store ({@link BudgetStore#sharedAcrossMachines()}). */
    private final ConcurrentHashMap<BudgetKey, BudgetCounter> rateCounters = new ConcurrentHashMap<>();
    private volatile ScheduledThreadPoolExecutor renewer;
    private final java.util.concurrent.locks.ReentrantLock renewerLock = new java.util.concurrent.locks.ReentrantLock();
    private boolean closed;
    /** The budgets of runs open in this process, by run id: a run's own, then its ancestors'. */
    private final ConcurrentHashMap<String, List<BudgetCounter>> runBudgets = new ConcurrentHashMap<>();

    public BudgetEnforcer(List<BudgetLimit> limits, BudgetStore store, Clock clock, BudgetOptions options) {
        this.base = LimitSet.of(limits, List.of());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.refusals = new BudgetRefusals(options.zone());
        if (!base.spend().isEmpty() && store == null) throw new IllegalArgumentException("spend limits need a budget store");
        this.store = store;
        if (!base.spend().isEmpty()) startRenewer();
    }

    /** An enforcer without limits: every call passes. */
    public static BudgetEnforcer unlimited() {
        return new BudgetEnforcer(List.of(), null, Clock.systemUTC(), BudgetOptions.DEFAULT);
    }

    /** Whether no limit is configured, no key limits can apply and no run budget is open. */
    public boolean isEmpty() {
        return base.isEmpty() && keySource == null && runBudgets.isEmpty();
    }

    /**
     * Whether no limit can apply to a call made with the Baton key {@code batonKey} ({@code null}:
     * without one): nothing configured, no run budget open, and the key is known to bring no
     * limits of its own. The pipeline skips pricing the call's worst case when this holds.
     */
    public boolean isEmptyFor(@Nullable String batonKey) {
        if (!base.isEmpty() || !runBudgets.isEmpty()) return false;
        if (batonKey == null || keySource == null) return true;
        return keySets.get(batonKey) == base;
    }

    /**
     * Holds calls made with a Baton API key to that key's own limits too, asked of {@code source}
     * on the key's first call. Needs a budget store (the limits may spend).
     */
    public void keyLimits(ApiKeyLimits source) {
        Objects.requireNonNull(source, "source");
        if (store == null) throw new IllegalStateException("API key limits need a budget store");
        keySets.clear();
        keySource = source;
    }

    /**
     * Forgets what is known of key {@code keyId} (its limits and this process's rate windows of
     * it): its next call asks the source again. For a revoked key, whose calls the server refuses
     * anyway, this frees the memory. Calls in flight settle on what they reserved.
     */
    public void reloadKey(String keyId) {
        keySets.remove(keyId);
        windows.remove(BudgetScope.API_KEY + ":" + keyId);
        counters.keySet().removeIf(k -> k.scope() == BudgetScope.API_KEY && k.scopeKey().equals(keyId));
    }

    /** The limits a call of {@code subject} is held to: the configured ones, plus its Baton key's own. */
    private LimitSet limitsFor(BudgetSubject subject) {
        String keyId = subject.batonKey();
        ApiKeyLimits source = keySource;
        if (keyId == null || source == null) return base;
        LimitSet known = keySets.get(keyId);
        if (known != null) return known;
        // asked outside any lock: the source may read a database; a racing first call asks twice, harmlessly
        List<BudgetLimit> own = source.limitsOf(keyId).stream()
                .filter(l -> l.scope() == BudgetScope.API_KEY && keyId.equals(l.key())).toList();
        LimitSet made = own.isEmpty() ? base : LimitSet.of(base.all(), own);
        if (!made.spend().isEmpty()) startRenewer();
        LimitSet raced = keySets.putIfAbsent(keyId, made);
        return raced != null ? raced : made;
    }

    /**
     * Opens the budget of run {@code runId} (USD and/or tokens, either may be null) as a reservation
     * scope: until the returned scope is closed, every call whose {@link BudgetSubject#runId()} is
     * {@code runId} also reserves its worst case on it, and on the open budgets of
     * {@code parentRunId} and its ancestors (a child run spends its parent's budget). A run's
     * budget is held in memory: a run lives in one process.
     *
     * @return the scope to close when the run ends ({@link RunBudgetScope#NONE} when neither the
     *         run nor its ancestors have a budget)
     */
    public RunBudgetScope openRun(String runId, String parentRunId, java.math.BigDecimal usd, Long tokens) {
        Objects.requireNonNull(runId, "runId");
        List<BudgetCounter> scope = new ArrayList<>(2);
        if (usd != null || tokens != null) {
            BudgetLimit limit = new BudgetLimit(BudgetScope.RUN, runId, BudgetPeriod.RUN, usd, tokens, null, null);
            scope.add(BudgetCounter.local(new BudgetKey(BudgetScope.RUN, runId, "run-budget"), limit));
        }
        if (parentRunId != null) scope.addAll(runBudgets.getOrDefault(parentRunId, List.of()));
        if (scope.isEmpty()) return RunBudgetScope.NONE;
        runBudgets.put(runId, List.copyOf(scope));
        return new RunBudgetScope(() -> runBudgets.remove(runId));
    }

    /**
     * Holds {@code worst} (USD and tokens the call may cost at most) on every limit that applies
     * to {@code subject}.
     *
     * @throws BatonException {@code BUDGET_EXCEEDED} or {@code RATE_LIMITED}, naming the limit,
     *                        the spend and when it resets
     */
    public Reservation reserve(BudgetSubject subject, BudgetAmount worst) {
        if (isEmpty()) return Reservation.NONE;
        Instant now = clock.instant();
        LimitSet limits = limitsFor(subject);
        if (limits.isEmpty() && (subject.runId() == null || runBudgets.isEmpty())) return Reservation.NONE;
        List<BudgetCounter> sharedRates = new ArrayList<>(0);
        List<RateWindow> rates = reserveRates(limits, subject, worst, now, sharedRates);
        List<BudgetCounter> held = matchingCounters(limits, subject, now);
        if (subject.runId() != null && !runBudgets.isEmpty()) {
            List<BudgetCounter> run = runBudgets.get(subject.runId());
            if (run != null) {
                held.addAll(run);
                held.sort((a, b) -> a.key().compareTo(b.key()));
            }
        }
        if (rates.isEmpty() && held.isEmpty()) return Reservation.NONE;
        try {
            reserveSpend(held, worst, now);
        } catch (RuntimeException e) {
            for (RateWindow w : rates) w.cancel(now, worst.tokens());
            cancelShared(sharedRates, worst);
            throw e;
        }
        if (!sharedRates.isEmpty()) {
            held = new ArrayList<>(held);
            held.addAll(sharedRates);
        }
        return new Reservation(this, held, rates, worst, now);
    }

    private List<RateWindow> reserveRates(LimitSet limits, BudgetSubject subject, BudgetAmount worst, Instant now,
                                          List<BudgetCounter> sharedTaken) {
        if (limits.rate().isEmpty()) return List.of();
        List<RateWindow> taken = new ArrayList<>(2);
        for (BudgetLimit limit : limits.rate()) {
            String key = subject.keyOf(limit.scope());
            if (key == null || (limit.key() != null && !limit.key().equals(key))) continue;
            RateWindow window = windows.computeIfAbsent(limit.scope() + ":" + key, k -> mergedWindow(limits, limit.scope(), key));
            if (taken.contains(window)) continue;
            Instant retryAt = window.tryAcquire(now, worst.tokens());
            if (retryAt != null) {
                for (RateWindow w : taken) w.cancel(now, worst.tokens());
                cancelShared(sharedTaken, worst);
                throw refusals.rateLimited(limit, key, window, retryAt, now);
            }
            taken.add(window);
            if (store.sharedAcrossMachines()) {
                BudgetCounter shared = sharedRate(limit, key, window, now);
                LeaseGrant refused;
                shared.lock().lock();
                try {
                    refused = shared.tryReserve(worst, now, store, options);
                } finally {
                    shared.lock().unlock();
                }
                if (refused != null) {
                    for (RateWindow w : taken) w.cancel(now, worst.tokens());
                    cancelShared(sharedTaken, worst);
                    Instant nextMinute = Instant.ofEpochSecond((now.getEpochSecond() / 60 + 1) * 60);
                    throw refusals.rateLimited(limit, key, window, nextMinute, now);
                }
                sharedTaken.add(shared);
            }
        }
        return taken;
    }

    private List<BudgetCounter> matchingCounters(LimitSet limits, BudgetSubject subject, Instant now) {
        List<BudgetCounter> held = new ArrayList<>(2);
        for (BudgetLimit limit : limits.spend()) {
            String key = subject.keyOf(limit.scope());
            if (key == null || (limit.key() != null && !limit.key().equals(key))) continue;
            BudgetKey bk = new BudgetKey(limit.scope(), key, limit.period().bucket(now, options.zone(), subject.runId()));
            BudgetCounter counter = counters.computeIfAbsent(bk, k -> new BudgetCounter(k, merged(limits, limit, key)));
            if (!held.contains(counter)) held.add(counter);
        }
        held.sort((a, b) -> a.key().compareTo(b.key()));
        return held;
    }

    /** Locks the counters in key order (no deadlock between callers), reserves on all or none. */
    private void reserveSpend(List<BudgetCounter> held, BudgetAmount worst, Instant now) {
        List<BudgetCounter> reserved = new ArrayList<>(held.size());
        for (BudgetCounter c : held) c.lock().lock();
        try {
            for (BudgetCounter c : held) {
                LeaseGrant refusal = c.tryReserve(worst, now, store, options);
                if (refusal != null) {
                    for (BudgetCounter r : reserved) r.settle(worst, BudgetAmount.ZERO);
                    throw refusals.exceeded(c, refusal, worst, now);
                }
                reserved.add(c);
            }
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) held.get(i).lock().unlock();
        }
    }

    /**
     * The counter of this minute of the window of {@code scope}/{@code key} in the shared store: all
     * replicas lease requests and tokens of one minute from it (a fixed window, next to the sliding
     * one each process keeps). Counters of past minutes are dropped as new ones are made.
     */
    private BudgetCounter sharedRate(BudgetLimit limit, String key, RateWindow window, Instant now) {
        long minute = now.getEpochSecond() / 60;
        BudgetKey bk = new BudgetKey(limit.scope(), key, "minute:" + minute);
        BudgetCounter known = rateCounters.get(bk);
        if (known != null) return known;
        rateCounters.keySet().removeIf(k -> !k.bucket().equals(bk.bucket()));
        return rateCounters.computeIfAbsent(bk, k -> BudgetCounter.rate(k, limit, window.rpm(), window.tpm()));
    }

    private static void cancelShared(List<BudgetCounter> shared, BudgetAmount worst) {
        for (BudgetCounter c : shared) {
            c.lock().lock();
            try {
                c.cancel(worst);
            } finally {
                c.lock().unlock();
            }
        }
        shared.clear();
    }

    void settle(Reservation reservation, BudgetAmount actual) {
        for (RateWindow w : reservation.windows()) w.settle(reservation.at(), reservation.worst().tokens(), actual.tokens());
        Instant expires = clock.instant().plus(options.leaseTtl());
        for (BudgetCounter c : reservation.counters()) {
            c.lock().lock();
            try {
                c.settle(reservation.worst(), actual);
            } finally {
                c.lock().unlock();
            }
            if (!c.isLocal()) store.settle(c.key(), c.charged(actual), expires);
        }
    }

    private static BudgetLimit merged(LimitSet limits, BudgetLimit first, String key) {
        BudgetLimit m = first;
        for (BudgetLimit l : limits.spend()) {
            if (l.scope() != first.scope() || l.period() != first.period()) continue;
            if (l.key() != null && !l.key().equals(key)) continue;
            m = new BudgetLimit(m.scope(), key, m.period(), min(m.usd(), l.usd()), min(m.tokens(), l.tokens()), null, null);
        }
        return m;
    }

    private static RateWindow mergedWindow(LimitSet limits, BudgetScope scope, String key) {
        long rpm = -1;
        long tpm = -1;
        for (BudgetLimit l : limits.rate()) {
            if (l.scope() != scope || (l.key() != null && !l.key().equals(key))) continue;
            if (l.rpm() != null) rpm = rpm < 0 ? l.rpm() : Math.min(rpm, l.rpm());
            if (l.tpm() != null) tpm = tpm < 0 ? l.tpm() : Math.min(tpm, l.tpm());
        }
        return new RateWindow(rpm, tpm);
    }

    private static <T extends Comparable<T>> T min(T a, T b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Each configured spend limit, then the API keys' own spend limits (those of every live key
     * the source lists, and of those called through this enforcer), with settled spend, live
     * reservations and what is left.
     */
    public List<BudgetStatus> status() {
        java.util.Set<BudgetLimit> own = new java.util.LinkedHashSet<>();
        ApiKeyLimits source = keySource;
        if (source != null) own.addAll(source.allLimits());
        for (LimitSet set : keySets.values()) own.addAll(set.own());
        List<BudgetLimit> limits = new ArrayList<>(base.spend());
        own.stream().filter(BudgetLimit::hasSpendLimit).forEach(limits::add);
        if (limits.isEmpty()) return List.of();
        store.flush();
        Instant now = clock.instant();
        List<BudgetStatus> out = new ArrayList<>();
        for (BudgetLimit limit : limits) out.addAll(BudgetStatusQuery.of(limit, store, now, options.zone()));
        return out;
    }

    /** Starts renewing leases, once; not after {@link #close()}. */
    private void startRenewer() {
        renewerLock.lock();
        try {
            if (renewer == null && !closed) renewer = newRenewer();
        } finally {
            renewerLock.unlock();
        }
    }

    private ScheduledThreadPoolExecutor newRenewer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "baton-budget-leases");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, options.leaseTtl().toMillis() / 3);
        executor.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
        return executor;
    }

    private void renew() {
        if (counters.isEmpty()) return;
        try {
            Instant expires = clock.instant().plus(options.leaseTtl());
            Map<BudgetKey, BudgetAmount> alive = store.renew(expires);
            Duration ttl = options.leaseTtl();
            for (BudgetCounter c : counters.values()) {
                c.lock().lock();
                try {
                    c.renewed(alive.containsKey(c.key()), expires, ttl);
                } finally {
                    c.lock().unlock();
                }
            }
        } catch (RuntimeException e) {
            // a failed renewal leaves the leases to expire; reservations then go back to the store
            LOG.warn("budget lease renewal failed: {}", e.toString());
        }
    }

    /** Stops renewing and gives this process's unspent leases back to the store. */
    @Override
    public void close() {
        ScheduledThreadPoolExecutor r;
        renewerLock.lock();
        try {
            if (closed) return;
            closed = true;
            r = renewer;
        } finally {
            renewerLock.unlock();
        }
        if (r == null) return;
        r.shutdownNow();
        store.release();
    }

    /**
     * Limits split by kind: spend limits (USD, tokens per period) and rate limits (rpm, tpm);
     * {@code own} are those a key adds to the configured ones.
     */
    private record LimitSet(List<BudgetLimit> spend, List<BudgetLimit> rate, List<BudgetLimit> all, List<BudgetLimit> own) {

        static LimitSet of(List<BudgetLimit> configured, List<BudgetLimit> own) {
            List<BudgetLimit> all = new ArrayList<>(configured);
            all.addAll(own);
            return new LimitSet(all.stream().filter(BudgetLimit::hasSpendLimit).toList(),
                    all.stream().filter(BudgetLimit::hasRateLimit).toList(), List.copyOf(all), List.copyOf(own));
        }

        boolean isEmpty() {
            return spend.isEmpty() && rate.isEmpty();
        }
    }
}
