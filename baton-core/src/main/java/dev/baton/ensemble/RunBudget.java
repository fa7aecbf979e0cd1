package dev.baton.ensemble;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;
import java.math.BigDecimal;
import java.util.concurrent.locks.ReentrantLock;

/** A run's spending so far against its {@link BudgetSpec}; checked before each agent attempt. */
final class RunBudget {

    private final BudgetSpec limit;
    private final ReentrantLock lock = new ReentrantLock();
    private long tokens;
    private BigDecimal usd = BigDecimal.ZERO;

    RunBudget(BudgetSpec limit) {
        this.limit = limit;
    }

    void add(Usage usage) {
        lock.lock();
        try {
            tokens += usage.totalTokens();
            if (usage.costUsd() != null) usd = usd.add(usage.costUsd());
        } finally {
            lock.unlock();
        }
    }

    /** Throws {@code BUDGET_EXCEEDED} when the run has spent its budget. */
    void check(String agent) {
        if (limit == null) return;
        lock.lock();
        try {
            if (limit.tokens() != null && tokens >= limit.tokens()) {
                throw exceeded(agent, "token budget of " + limit.tokens() + " spent (" + tokens + (tokens == 1 ? " token" : " tokens") + " used)");
            }
            if (limit.usd() != null && usd.compareTo(limit.usd()) >= 0) {
                throw exceeded(agent, "budget of $" + limit.usd().toPlainString() + " spent ($" + usd.toPlainString() + " used)");
            }
        } finally {
            lock.unlock();
        }
    }

    private static BatonException exceeded(String agent, String what) {
        return BatonException.builder(ErrorCode.BUDGET_EXCEEDED, what + "; agent '" + agent + "' not started")
                .suggestion("raise the ensemble's budget").build();
    }
}
