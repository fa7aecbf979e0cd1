package dev.baton.usage;

/** One counter as stored: its key, settled spend and the headroom currently leased by live owners. */
public record BudgetSpend(BudgetKey key, BudgetAmount spent, BudgetAmount leased) {
}
