package dev.baton.usage;

import dev.baton.error.BatonException;
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
 * process. Thread-safe.
 */
public final class BudgetEnforcer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetEnforcer.class);

    private final List<BudgetLimit> spendLimits;
    private final List<BudgetLimit> rateLimits;
    private final BudgetStore store;
    private final Clock clock;
    private final BudgetOptions options;
    private final BudgetRefusals refusals;
    private final ConcurrentHashMap<BudgetKey, BudgetCounter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RateWindow> windows = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor renewer;
    /** The budgets of runs open in this process, by run id: a run's own, then its ancestors'. */
    private final ConcurrentHashMap<String, List<BudgetCounter>> runBudgets = new ConcurrentHashMap<>();

    public BudgetEnforcer(List<BudgetLimit> limits, BudgetStore store, Clock clock, BudgetOptions options) {
        this.spendLimits = limits.stream().filter(BudgetLimit::hasSpendLimit).toList();
        this.rateLimits = limits.stream().filter(BudgetLimit::hasRateLimit).toList();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.refusals = new BudgetRefusals(options.zone());
        if (!spendLimits.isEmpty() && store == null) throw new IllegalArgumentException("spend limits need a budget store");
        this.store = store;
        this.renewer = spendLimits.isEmpty() ? null : startRenewer();
    }

    /** An enforcer without limits: every call passes. */
    public static BudgetEnforcer unlimited() {
        return new BudgetEnforcer(List.of(), null, Clock.systemUTC(), BudgetOptions.DEFAULT);
    }

    /** Whether no limit is configured and no run budget is open. */
    public boolean isEmpty() {
        return spendLimits.isEmpty() && rateLimits.isEmpty() && runBudgets.isEmpty();
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
        List<RateWindow> rates = reserveRates(subject, worst, now);
        List<BudgetCounter> held = matchingCounters(subject, now);
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
            throw e;
        }
        return new Reservation(this, held, rates, worst, now);
    }

    private List<RateWindow> reserveRates(BudgetSubject subject, BudgetAmount worst, Instant now) {
        if (rateLimits.isEmpty()) return List.of();
        List<RateWindow> taken = new ArrayList<>(2);
        for (BudgetLimit limit : rateLimits) {
            String key = subject.keyOf(limit.scope());
            if (key == null || (limit.key() != null && !limit.key().equals(key))) continue;
            RateWindow window = windows.computeIfAbsent(limit.scope() + ":" + key, k -> mergedWindow(limit.scope(), key));
            if (taken.contains(window)) continue;
            Instant retryAt = window.tryAcquire(now, worst.tokens());
            if (retryAt != null) {
                for (RateWindow w : taken) w.cancel(now, worst.tokens());
                throw refusals.rateLimited(limit, key, window, retryAt, now);
            }
            taken.add(window);
        }
        return taken;
    }

    private List<BudgetCounter> matchingCounters(BudgetSubject subject, Instant now) {
        List<BudgetCounter> held = new ArrayList<>(2);
        for (BudgetLimit limit : spendLimits) {
            String key = subject.keyOf(limit.scope());
            if (key == null || (limit.key() != null && !limit.key().equals(key))) continue;
            BudgetKey bk = new BudgetKey(limit.scope(), key, limit.period().bucket(now, options.zone(), subject.runId()));
            BudgetCounter counter = counters.computeIfAbsent(bk, k -> new BudgetCounter(k, merged(limit, key)));
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
            if (!c.isLocal()) store.settle(c.key(), actual, expires);
        }
    }

    private BudgetLimit merged(BudgetLimit first, String key) {
        BudgetLimit m = first;
        for (BudgetLimit l : spendLimits) {
            if (l.scope() != first.scope() || l.period() != first.period()) continue;
            if (l.key() != null && !l.key().equals(key)) continue;
            m = new BudgetLimit(m.scope(), key, m.period(), min(m.usd(), l.usd()), min(m.tokens(), l.tokens()), null, null);
        }
        return m;
    }

    private RateWindow mergedWindow(BudgetScope scope, String key) {
        long rpm = -1;
        long tpm = -1;
        for (BudgetLimit l : rateLimits) {
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

    /** Each configured spend limit with its settled spend, live reservations and what is left. */
    public List<BudgetStatus> status() {
        if (spendLimits.isEmpty()) return List.of();
        store.flush();
        Instant now = clock.instant();
        List<BudgetStatus> out = new ArrayList<>();
        for (BudgetLimit limit : spendLimits) out.addAll(BudgetStatusQuery.of(limit, store, now, options.zone()));
        return out;
    }

    private ScheduledThreadPoolExecutor startRenewer() {
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
        if (renewer == null) return;
        renewer.shutdownNow();
        store.release();
    }
}
