package dev.baton.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-process, authoritative view of one budget counter: headroom leased from the store
 * ({@code granted}) and worst-case amounts reserved by calls in flight ({@code reserved}). A call
 * fits when {@code reserved + worst <= granted}; when it does not, the counter leases more from the
 * store while holding its lock, so every process stays within its leases and all leases together
 * stay within the limit. Callers hold {@link #lock()} around {@link #tryReserve} and {@link #settle}.
 */
final class BudgetCounter {

    private final BudgetKey key;
    private final BudgetLimit limit;
    private final BudgetAmount max;
    /** A counter that owns its whole limit in this process (a run's budget): no store, no lease. */
    private final boolean local;
    /**
     * A shared rate window's counter for one minute: its first dimension counts requests (each
     * reservation and settlement is one), its second tokens.
     */
    private final boolean rate;
    private long spentNanos;
    private long spentTokens;
    private final ReentrantLock lock = new ReentrantLock();
    private long grantedNanos;
    private long grantedTokens;
    private long reservedNanos;
    private long reservedTokens;
    private Instant validUntil = Instant.MIN;
    private LeaseGrant refusal;
    private Instant refusedAt = Instant.MIN;
    private BudgetAmount refusedWorst;

    BudgetCounter(BudgetKey key, BudgetLimit limit) {
        this(key, limit, false, false, null);
    }

    private BudgetCounter(BudgetKey key, BudgetLimit limit, boolean local, boolean rate, BudgetAmount rateMax) {
        this.key = key;
        this.limit = limit;
        this.local = local;
        this.rate = rate;
        this.max = rateMax != null ? rateMax
                : new BudgetAmount(limit.usd() == null ? BudgetAmount.UNLIMITED : BudgetAmount.toNanos(limit.usd()),
                        limit.tokens() == null ? BudgetAmount.UNLIMITED : limit.tokens());
        if (local) {
            grantedNanos = Math.max(0, max.nanoUsd());
            grantedTokens = Math.max(0, max.tokens());
        }
    }

    /**
     * A counter holding the whole of {@code limit} in memory, for a budget that lives and dies with
     * one run in this process: reserving never touches a store, and nothing is stored.
     */
    static BudgetCounter local(BudgetKey key, BudgetLimit limit) {
        return new BudgetCounter(key, limit, true, false, null);
    }

    /**
     * The counter of one minute ({@code key}'s bucket) of a rate window shared through the store:
     * at most {@code rpm} requests and {@code tpm} tokens (negative: no limit), leased in slices.
     */
    static BudgetCounter rate(BudgetKey key, BudgetLimit limit, long rpm, long tpm) {
        return new BudgetCounter(key, limit, false, true, new BudgetAmount(rpm, tpm));
    }

    /** What a call counts on this counter: itself for a budget, one request and its tokens for a rate window. */
    BudgetAmount charged(BudgetAmount amount) {
        return rate ? new BudgetAmount(1, amount.tokens()) : amount;
    }

    /** Ends a reservation of {@code worst} that spent nothing (the call did not happen). */
    void cancel(BudgetAmount worst) {
        BudgetAmount w = charged(worst);
        reservedNanos -= w.nanoUsd();
        reservedTokens -= w.tokens();
    }

    boolean isLocal() {
        return local;
    }

    BudgetKey key() {
        return key;
    }

    BudgetLimit limit() {
        return limit;
    }

    ReentrantLock lock() {
        return lock;
    }

    BudgetAmount reserved() {
        return new BudgetAmount(reservedNanos, reservedTokens);
    }

    /**
     * Reserves {@code worst}, leasing more headroom from the store when needed. Returns
     * {@code null} on success or the store's view of the counter when the limit refuses it.
     */
    LeaseGrant tryReserve(BudgetAmount requested, Instant now, BudgetStore store, BudgetOptions options) {
        BudgetAmount worst = charged(requested);
        if (local) {
            if (fits(worst)) {
                take(worst);
                return null;
            }
            return new LeaseGrant(false, new BudgetAmount(grantedNanos, grantedTokens),
                    new BudgetAmount(spentNanos, spentTokens), BudgetAmount.ZERO);
        }
        if (now.isBefore(validUntil) && fits(worst)) {
            take(worst);
            return null;
        }
        if (refusal != null && now.isBefore(refusedAt.plus(options.refusalRecheck()))
                && worst.nanoUsd() >= refusedWorst.nanoUsd() && worst.tokens() >= refusedWorst.tokens()) {
            // a call at least as large was just refused: answer from memory, spare the store
            return refusal;
        }
        BudgetAmount need = new BudgetAmount(shortfall(max.nanoUsd(), reservedNanos, worst.nanoUsd(), grantedNanos),
                shortfall(max.tokens(), reservedTokens, worst.tokens(), grantedTokens));
        BudgetAmount want = new BudgetAmount(slice(max.nanoUsd(), need.nanoUsd(), options),
                slice(max.tokens(), need.tokens(), options));
        LeaseGrant grant = store.acquire(key, need, want, max, now, now.plus(options.leaseTtl()));
        grantedNanos = grant.lease().nanoUsd();
        grantedTokens = grant.lease().tokens();
        validUntil = now.plus(safeValidity(options.leaseTtl()));
        if (grant.granted() && fits(worst)) {
            refusal = null;
            take(worst);
            return null;
        }
        refusal = grant;
        refusedAt = now;
        refusedWorst = worst;
        return grant;
    }

    /** Ends a reservation: the worst case is released and the actual amount spent from the lease. */
    void settle(BudgetAmount reservedWorst, BudgetAmount spent) {
        BudgetAmount worst = charged(reservedWorst);
        BudgetAmount actual = charged(spent);
        reservedNanos -= worst.nanoUsd();
        reservedTokens -= worst.tokens();
        if (max.nanoUsd() >= 0) grantedNanos = Math.max(0, grantedNanos - actual.nanoUsd());
        if (max.tokens() >= 0) grantedTokens = Math.max(0, grantedTokens - actual.tokens());
        spentNanos += actual.nanoUsd();
        spentTokens += actual.tokens();
        if (actual.nanoUsd() < worst.nanoUsd() || actual.tokens() < worst.tokens()) refusal = null;
    }

    /**
     * After a renewal that set the lease's expiry to {@code expires}: the lease is trusted longer,
     * or, when it was gone (it had expired and another process dropped it), the headroom is
     * forgotten. A present lease's stored amount is not copied: settlements made since the renewal
     * was queued make the local figure the smaller, safer one.
     */
    void renewed(boolean present, Instant expires, Duration ttl) {
        if (present) {
            Instant until = expires.minus(ttl).plus(safeValidity(ttl));
            if (until.isAfter(validUntil)) validUntil = until;
        } else {
            grantedNanos = 0;
            grantedTokens = 0;
            validUntil = Instant.MIN;
        }
    }

    private boolean fits(BudgetAmount worst) {
        return (max.nanoUsd() < 0 || reservedNanos + worst.nanoUsd() <= grantedNanos)
                && (max.tokens() < 0 || reservedTokens + worst.tokens() <= grantedTokens);
    }

    private void take(BudgetAmount worst) {
        reservedNanos += worst.nanoUsd();
        reservedTokens += worst.tokens();
    }

    private static long shortfall(long max, long reserved, long worst, long granted) {
        return max < 0 ? 0 : Math.max(0, reserved + worst - granted);
    }

    private static long slice(long max, long need, BudgetOptions options) {
        return max < 0 ? 0 : Math.max(need, (long) Math.ceil(max * options.leaseFraction()));
    }

    /** Trust a lease for three quarters of its time to live, leaving room for clock and renewal delays. */
    private static Duration safeValidity(Duration ttl) {
        return ttl.multipliedBy(3).dividedBy(4);
    }
}
