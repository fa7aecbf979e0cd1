package dev.baton.keys;

import dev.baton.usage.BudgetPeriod;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a new key is made of: a name (letters, digits, {@code . _ -}; unique among live keys), a
 * USD budget and its period ({@code day}, {@code week}, {@code month} or {@code total}, the
 * default), requests and tokens per minute, and the profiles it may call (empty: all). Bad values
 * are refused with an {@link IllegalArgumentException} whose message starts with the field's
 * name as the CLI spells it ({@code budget-usd: must not be negative}).
 */
public record KeySpec(String name, @Nullable BigDecimal budgetUsd, @Nullable BudgetPeriod period,
                      @Nullable Integer rpm, @Nullable Integer tpm, List<String> profiles) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public KeySpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' is not a key name (1-64 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit)");
        }
        if (budgetUsd != null && budgetUsd.signum() < 0) throw new IllegalArgumentException("budget-usd: must not be negative");
        if (period != null && budgetUsd == null) throw new IllegalArgumentException("period: needs --budget-usd");
        if (period == BudgetPeriod.RUN) throw new IllegalArgumentException("period: expected day, week, month or total");
        if (rpm != null && rpm < 1) throw new IllegalArgumentException("rpm: must be a positive number");
        if (tpm != null && tpm < 1) throw new IllegalArgumentException("tpm: must be a positive number");
        for (String p : profiles) {
            if (p == null || p.isBlank()) throw new IllegalArgumentException("profiles: an empty profile name");
        }
        profiles = List.copyOf(new LinkedHashSet<>(profiles.stream().map(String::strip).toList()));
        period = budgetUsd == null ? null : period == null ? BudgetPeriod.TOTAL : period;
    }

    /** A key with no budget, rate limit or profile restriction. */
    public static KeySpec named(String name) {
        return new KeySpec(name, null, null, null, null, List.of());
    }
}
