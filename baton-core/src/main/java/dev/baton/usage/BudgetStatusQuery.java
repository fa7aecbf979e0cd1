package dev.baton.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reads one limit's counters from the store and turns them into {@link BudgetStatus} rows. */
final class BudgetStatusQuery {

    private BudgetStatusQuery() {
    }

    static List<BudgetStatus> of(BudgetLimit limit, BudgetStore store, Instant now, ZoneId zone) {
        String prefix = limit.period() == BudgetPeriod.RUN ? "run:" : limit.period().bucket(now, zone, null);
        String key = limit.scope() == BudgetScope.PROJECT ? "*" : limit.key();
        List<BudgetSpend> rows = new ArrayList<>(store.spends(limit.scope(), key, prefix, now));
        if (rows.isEmpty() && key != null && limit.period() != BudgetPeriod.RUN) {
            rows.add(new BudgetSpend(new BudgetKey(limit.scope(), key, prefix), BudgetAmount.ZERO, BudgetAmount.ZERO));
        }
        Instant reset = limit.period().resetsAt(now, zone);
        return rows.stream().map(r -> status(limit, r, reset)).toList();
    }

    private static BudgetStatus status(BudgetLimit limit, BudgetSpend row, Instant reset) {
        BigDecimal remainingUsd = limit.usd() == null ? null : limit.usd().subtract(row.spent().usd()).max(BigDecimal.ZERO);
        Long remainingTokens = limit.tokens() == null ? null : Math.max(0, limit.tokens() - row.spent().tokens());
        return new BudgetStatus(limit, row.key().scopeKey(), row.key().bucket(), row.spent().usd(), row.spent().tokens(),
                row.leased().usd(), row.leased().tokens(), remainingUsd, remainingTokens, reset);
    }
}
