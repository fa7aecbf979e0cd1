package dev.baton.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of budget: USD in nano-dollars (exact integer arithmetic; 1 USD = 10^9) and tokens.
 * In a limit a negative figure means "no limit on this dimension".
 */
public record BudgetAmount(long nanoUsd, long tokens) {

    public static final BudgetAmount ZERO = new BudgetAmount(0, 0);
    public static final long UNLIMITED = -1;

    /** USD rounded half-up to the nano-dollar; {@code null} is zero. */
    public static long toNanos(BigDecimal usd) {
        return usd == null ? 0 : usd.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    public static BigDecimal toUsd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros();
    }

    public BigDecimal usd() {
        return toUsd(nanoUsd);
    }

    public BudgetAmount plus(BudgetAmount o) {
        return new BudgetAmount(nanoUsd + o.nanoUsd, tokens + o.tokens);
    }
}
