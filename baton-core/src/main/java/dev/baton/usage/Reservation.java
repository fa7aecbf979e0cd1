package dev.baton.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Budget held for one call in flight: the worst case, reserved on every counter and rate window
 * that applies. {@link #settle} ends it with the actual spend; only the first settle counts, so a
 * decorator may settle from both a stream's end and its close.
 */
public final class Reservation {

    /** The reservation of a call no limit applies to. */
    public static final Reservation NONE = new Reservation(null, List.of(), List.of(), BudgetAmount.ZERO, Instant.EPOCH);

    private final BudgetEnforcer enforcer;
    private final List<BudgetCounter> counters;
    private final List<RateWindow> windows;
    private final BudgetAmount worst;
    private final Instant at;
    private final AtomicBoolean settled = new AtomicBoolean();

    Reservation(BudgetEnforcer enforcer, List<BudgetCounter> counters, List<RateWindow> windows, BudgetAmount worst,
                Instant at) {
        this.enforcer = enforcer;
        this.counters = counters;
        this.windows = windows;
        this.worst = worst;
        this.at = at;
    }

    /** The worst case held. */
    public BudgetAmount worst() {
        return worst;
    }

    /**
     * Ends the reservation with what the call actually cost ({@code null}: unknown, counted as
     * zero) and the tokens it used.
     */
    public void settle(BigDecimal actualUsd, long actualTokens) {
        if (enforcer == null || !settled.compareAndSet(false, true)) return;
        enforcer.settle(this, new BudgetAmount(BudgetAmount.toNanos(actualUsd), actualTokens));
    }

    /** Ends the reservation of a call that spent nothing. */
    public void release() {
        settle(BigDecimal.ZERO, 0);
    }

    List<BudgetCounter> counters() {
        return counters;
    }

    List<RateWindow> windows() {
        return windows;
    }

    Instant at() {
        return at;
    }
}
