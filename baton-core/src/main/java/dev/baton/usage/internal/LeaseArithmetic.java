package dev.baton.usage.internal;

import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetStore;

/**
 * The lease rule every {@link BudgetStore} applies, in one place: headroom is what the limit
 * leaves after settled spend and every owner's lease; a grant takes up to {@code want} of it but
 * only if at least {@code need} fits. Dimensions with a negative limit are not leased.
 */
public final class LeaseArithmetic {

    /** The owner's lease after a grant, and whether the need was met. */
    public record Result(boolean granted, BudgetAmount lease) {
    }

    private LeaseArithmetic() {
    }

    public static Result grant(BudgetAmount limit, BudgetAmount spent, BudgetAmount others, BudgetAmount own,
                               BudgetAmount need, BudgetAmount want) {
        long freeUsd = limit.nanoUsd() < 0 ? Long.MAX_VALUE
                : Math.max(0, limit.nanoUsd() - spent.nanoUsd() - others.nanoUsd() - own.nanoUsd());
        long freeTokens = limit.tokens() < 0 ? Long.MAX_VALUE
                : Math.max(0, limit.tokens() - spent.tokens() - others.tokens() - own.tokens());
        boolean fits = need.nanoUsd() <= freeUsd && need.tokens() <= freeTokens;
        if (!fits) return new Result(false, own);
        long addUsd = limit.nanoUsd() < 0 ? 0 : Math.min(Math.max(want.nanoUsd(), need.nanoUsd()), freeUsd);
        long addTokens = limit.tokens() < 0 ? 0 : Math.min(Math.max(want.tokens(), need.tokens()), freeTokens);
        return new Result(true, new BudgetAmount(own.nanoUsd() + addUsd, own.tokens() + addTokens));
    }

    /** A lease after {@code actual} was spent from it (never below zero). */
    public static BudgetAmount spendFrom(BudgetAmount lease, BudgetAmount actual) {
        return new BudgetAmount(Math.max(0, lease.nanoUsd() - actual.nanoUsd()), Math.max(0, lease.tokens() - actual.tokens()));
    }
}
