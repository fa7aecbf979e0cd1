package dev.baton.keys;

import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One API key as the store keeps it — never its secret: the id ({@code k_} and 16 hex digits, what
 * logs, the ledger and budgets name), the name given at creation, when it was created and revoked
 * ({@code null}: live), its USD budget per period ({@code null}: none), its requests and tokens
 * per minute ({@code null}: none) and the profiles it may call (empty: all).
 */
public record ApiKey(String id, String name, Instant created, @Nullable Instant revoked,
                     @Nullable BigDecimal budgetUsd, BudgetPeriod period, @Nullable Integer rpm,
                     @Nullable Integer tpm, List<String> profiles) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        period = period == null ? BudgetPeriod.TOTAL : period;
        profiles = List.copyOf(profiles);
        // to the nano-dollar the store keeps, without trailing zeros or an exponent: 2.50 -> 2.5, 100 -> 100
        if (budgetUsd != null) {
            BigDecimal exact = BudgetAmount.toUsd(BudgetAmount.toNanos(budgetUsd));
            budgetUsd = exact.scale() < 0 ? exact.setScale(0) : exact;
        }
    }

    /** Whether the key has not been revoked. */
    public boolean live() {
        return revoked == null;
    }

    /** The key's own limits as the budget enforcer applies them: scope API_KEY, keyed by the id. */
    public List<BudgetLimit> limits() {
        List<BudgetLimit> limits = new ArrayList<>(2);
        if (budgetUsd != null) limits.add(new BudgetLimit(BudgetScope.API_KEY, id, period, budgetUsd, null, null, null));
        if (rpm != null || tpm != null) limits.add(BudgetLimit.rate(BudgetScope.API_KEY, id, rpm, tpm));
        return limits;
    }
}
