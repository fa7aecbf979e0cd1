package dev.baton.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One limit's standing for {@code baton budgets}: the limit, the scope key and bucket it applies
 * to, the settled spend, the headroom reserved by live processes (leases not yet spent), what is
 * left ({@code null} for a dimension without limit) and when the bucket resets ({@code null}: never).
 */
public record BudgetStatus(BudgetLimit limit, String scopeKey, String bucket, BigDecimal spentUsd, long spentTokens,
                           BigDecimal reservedUsd, long reservedTokens, BigDecimal remainingUsd, Long remainingTokens,
                           Instant resetsAt) {
}
