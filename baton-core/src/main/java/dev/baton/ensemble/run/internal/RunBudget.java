package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.spec.BudgetSpec;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.RunBudgetScope;
import java.math.BigDecimal;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A run's {@link BudgetSpec}. Where the models have a budget layer ({@link AgentModels#budgets()}),
 * the budget is a reservation scope there: each model call of the run (and of its child runs)
 * reserves its worst case under the concurrency permit and settles its real cost, so parallel and
 * queued agents cannot push spend past it; a call that does not fit fails with
 * {@code BUDGET_EXCEEDED}. Without a budget layer, only the spend reported so far is checked
 * before an attempt (agents already running may still overspend).
 */
final class RunBudget implements AutoCloseable {

    private final BudgetSpec limit;
    private final RunBudgetScope scope;
    private final ReentrantLock lock = new ReentrantLock();
    private long tokens;
    private BigDecimal usd = BigDecimal.ZERO;

    RunBudget(BudgetSpec limit, AgentModels models, String runId, String parentRunId) {
        this.limit = limit;
        this.scope = open(limit, models, runId, parentRunId);
    }

    private static RunBudgetScope open(BudgetSpec limit, AgentModels models, String runId, String parentRunId) {
        if (limit == null && parentRunId == null) return RunBudgetScope.NONE;
        BudgetEnforcer enforcer = models.budgets();
        if (enforcer == null) return RunBudgetScope.NONE;
        return enforcer.openRun(runId, parentRunId, limit == null ? null : limit.usd(),
                limit == null ? null : limit.tokens());
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

    /**
     * Throws {@code BUDGET_EXCEEDED} when the run has spent its budget and no reservation scope
     * guards it (with one, each call is admitted or refused by its reservation instead).
     */
    void check(String agent) {
        if (limit == null || scope.enforced()) return;
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

    /** Ends the reservation scope: the run is over. */
    @Override
    public void close() {
        scope.close();
    }

    private static BatonException exceeded(String agent, String what) {
        return BatonException.builder(ErrorCode.BUDGET_EXCEEDED, what + "; agent '" + agent + "' not started")
                .suggestion("raise the ensemble's budget").build();
    }
}
