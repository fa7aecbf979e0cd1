package dev.baton.llm;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * USD per million tokens for input, cached input and output. A null cached-input price means
 * cached input is billed as input.
 */
public record Prices(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion) {

    public static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Prices {
        requireNotNegative("input", inputPerMillion);
        requireNotNegative("cached_input", cachedInputPerMillion);
        requireNotNegative("output", outputPerMillion);
    }

    /**
     * Rejects a negative price: it would write negative costs into the ledger and give budgets
     * back money that was never refunded.
     *
     * @throws IllegalArgumentException naming {@code field}
     */
    public static void requireNotNegative(String field, BigDecimal usdPerMillion) {
        if (usdPerMillion != null && usdPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices." + field + " must not be negative (was "
                    + usdPerMillion.toPlainString() + ")");
        }
    }

    public static Prices of(double input, double cachedInput, double output) {
        return new Prices(BigDecimal.valueOf(input), BigDecimal.valueOf(cachedInput), BigDecimal.valueOf(output));
    }

    /** The cost of the given usage at these prices. */
    public BigDecimal cost(Usage usage) {
        BigDecimal cachedPrice = cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
        long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
        BigDecimal total = inputPerMillion.multiply(BigDecimal.valueOf(uncached))
                .add(cachedPrice.multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())));
        return total.divide(MILLION, MathContext.DECIMAL64);
    }
}
