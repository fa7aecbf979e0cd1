package dev.baton.usage;

import java.util.List;

/**
 * Where a {@link BudgetEnforcer} finds the limits of one Baton API key: the key's own budget and
 * rate limits, of scope {@link BudgetScope#API_KEY} keyed by the key's id (empty: none, or no such
 * live key). Asked once per key per enforcer, on the key's first call; must be thread-safe.
 */
@FunctionalInterface
public interface ApiKeyLimits {

    /** The limits of the key {@code keyId}. */
    List<BudgetLimit> limitsOf(String keyId);

    /** The limits of every live key, for listings ({@code baton budgets list}); by default none. */
    default List<BudgetLimit> allLimits() {
        return List.of();
    }
}
