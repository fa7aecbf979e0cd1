package dev.baton.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One configured limit. {@code scope} and {@code key} say what it counts: {@code key} names one
 * profile, provider, API key (credential name) or run, or is {@code null} for "each one
 * separately" (for PROJECT it is ignored: there is one project). {@code period} says over what
 * {@code usd} and {@code tokens} count; {@code rpm} and {@code tpm} are per-minute rate limits of
 * the same scope and key, independent of the period. Any figure may be {@code null} (no limit).
 */
public record BudgetLimit(BudgetScope scope, String key, BudgetPeriod period, BigDecimal usd, Long tokens,
                          Integer rpm, Integer tpm) {

    public BudgetLimit {
        Objects.requireNonNull(scope, "scope");
        period = period == null ? BudgetPeriod.TOTAL : period;
        if (usd != null && usd.signum() < 0) throw new IllegalArgumentException("usd limit must not be negative");
        if (tokens != null && tokens < 0) throw new IllegalArgumentException("token limit must not be negative");
        if (rpm != null && rpm < 1) throw new IllegalArgumentException("rpm must be positive");
        if (tpm != null && tpm < 1) throw new IllegalArgumentException("tpm must be positive");
        if (scope == BudgetScope.PROJECT) key = null;
    }

    /** A USD limit. */
    public static BudgetLimit usd(BudgetScope scope, String key, BudgetPeriod period, String usd) {
        return new BudgetLimit(scope, key, period, new BigDecimal(usd), null, null, null);
    }

    /** Per-minute request and token rate limits ({@code null}: none). */
    public static BudgetLimit rate(BudgetScope scope, String key, Integer rpm, Integer tpm) {
        return new BudgetLimit(scope, key, BudgetPeriod.TOTAL, null, null, rpm, tpm);
    }

    boolean hasSpendLimit() {
        return usd != null || tokens != null;
    }

    boolean hasRateLimit() {
        return rpm != null || tpm != null;
    }

    /** How this limit appears in messages: {@code profile 'fast' per day}. */
    String describe(String scopeKey) {
        String who = scope == BudgetScope.PROJECT ? "project" : scope.name().toLowerCase().replace('_', ' ') + " '" + scopeKey + "'";
        return who + (period == BudgetPeriod.TOTAL ? " in total" : " per " + period.name().toLowerCase());
    }
}
