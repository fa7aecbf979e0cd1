package dev.baton.provider.scripted.internal;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The numeric constraints of a schema (minimum, maximum, their exclusive forms of draft 4 and of
 * draft 6 onwards, multipleOf) and a deterministic choice of a number meeting them.
 */
record NumberBounds(BigDecimal low, boolean lowExclusive, BigDecimal high, boolean highExclusive,
                    BigDecimal multipleOf) {

    private static final int MAX_STEPS = 10_000;

    static NumberBounds of(JsonNode schema) {
        BigDecimal low = null;
        boolean lowExclusive = false;
        BigDecimal high = null;
        boolean highExclusive = false;
        if (schema.path("minimum").isNumber()) {
            low = schema.get("minimum").decimalValue();
            lowExclusive = schema.path("exclusiveMinimum").asBoolean(false);
        }
        if (schema.path("exclusiveMinimum").isNumber()) {
            BigDecimal ex = schema.get("exclusiveMinimum").decimalValue();
            if (low == null || ex.compareTo(low) >= 0) {
                low = ex;
                lowExclusive = true;
            }
        }
        if (schema.path("maximum").isNumber()) {
            high = schema.get("maximum").decimalValue();
            highExclusive = schema.path("exclusiveMaximum").asBoolean(false);
        }
        if (schema.path("exclusiveMaximum").isNumber()) {
            BigDecimal ex = schema.get("exclusiveMaximum").decimalValue();
            if (high == null || ex.compareTo(high) <= 0) {
                high = ex;
                highExclusive = true;
            }
        }
        BigDecimal step = schema.path("multipleOf").isNumber() && schema.get("multipleOf").decimalValue().signum() > 0
                ? schema.get("multipleOf").decimalValue() : null;
        return new NumberBounds(low, lowExclusive, high, highExclusive, step);
    }

    boolean admits(BigDecimal value) {
        if (low != null && (lowExclusive ? value.compareTo(low) <= 0 : value.compareTo(low) < 0)) return false;
        if (high != null && (highExclusive ? value.compareTo(high) >= 0 : value.compareTo(high) > 0)) return false;
        return multipleOf == null || value.remainder(multipleOf).signum() == 0;
    }

    /** A number meeting the bounds (an integer when asked), varied by {@code ordinal}; best effort when none exists. */
    BigDecimal pick(boolean integer, int ordinal) {
        BigDecimal step = integer && multipleOf == null ? BigDecimal.ONE : multipleOf;
        BigDecimal picked = step == null ? pickContinuous(ordinal) : pickStepped(step, integer, ordinal);
        return normalize(picked);
    }

    private BigDecimal pickContinuous(int ordinal) {
        BigDecimal preferred = new BigDecimal("1.5").add(BigDecimal.valueOf(ordinal));
        if (admits(preferred)) return preferred;
        if (low != null && high != null) {
            BigDecimal fraction = BigDecimal.valueOf(ordinal + 1).divide(BigDecimal.valueOf(ordinal + 2), MathContext.DECIMAL64);
            return low.add(high.subtract(low).multiply(fraction), MathContext.DECIMAL64);
        }
        if (low != null) return low.add(BigDecimal.ONE).add(BigDecimal.valueOf(ordinal));
        return high.subtract(BigDecimal.ONE).subtract(BigDecimal.valueOf(ordinal));
    }

    /** The {@code ordinal}-th admissible multiple of {@code step} from a preferred start, searching up then down. */
    private BigDecimal pickStepped(BigDecimal step, boolean integer, int ordinal) {
        BigDecimal start = low != null ? low : high != null && high.compareTo(BigDecimal.ONE) < 0 ? high : BigDecimal.ONE;
        BigDecimal k = start.divide(step, 0, RoundingMode.CEILING);
        BigDecimal first = null;
        int found = 0;
        for (int i = 0; i < MAX_STEPS; i++) {
            BigDecimal up = k.add(BigDecimal.valueOf(i)).multiply(step);
            if (high != null && up.compareTo(high) > 0) break;
            if (acceptable(up, integer)) {
                if (first == null) first = up;
                if (found++ == ordinal) return up;
            }
        }
        if (first != null) return first;
        for (int i = 1; i < MAX_STEPS; i++) {
            BigDecimal down = k.subtract(BigDecimal.valueOf(i)).multiply(step);
            if (low != null && down.compareTo(low) < 0) break;
            if (acceptable(down, integer)) return down;
        }
        return integer ? start.setScale(0, RoundingMode.CEILING) : start;
    }

    private boolean acceptable(BigDecimal value, boolean integer) {
        return admits(value) && (!integer || value.stripTrailingZeros().scale() <= 0);
    }

    private static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
