package dev.baton.usage;

/**
 * The answer of {@link BudgetStore#acquire}: whether the needed headroom was granted, the
 * owner's whole lease after the call, the settled spend of the counter and the headroom leased
 * by other (live) owners.
 */
public record LeaseGrant(boolean granted, BudgetAmount lease, BudgetAmount spent, BudgetAmount heldByOthers) {
}
