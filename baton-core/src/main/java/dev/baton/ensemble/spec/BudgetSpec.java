package dev.baton.ensemble.spec;

import java.math.BigDecimal;

/**
 * A run's spending limit: USD and/or tokens (either may be null). Checked before each agent
 * attempt starts; once spent, agents that have not started fail with {@code BUDGET_EXCEEDED}.
 */
public record BudgetSpec(BigDecimal usd, Long tokens) {
}
