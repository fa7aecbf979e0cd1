package dev.baton.keys;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The JSON shape of an API key ({@code baton keys list -o json}, the servers' key listings) —
 * never its secret: id, name, creation time (ISO-8601), USD budget and its period ({@code day},
 * {@code week}, {@code month}, {@code total}; both null without a budget), requests and tokens per
 * minute (null: none) and the allowed profiles (empty: all).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApiKeyJson(String id, String name, String createdAt, @Nullable BigDecimal budgetUsd, @Nullable String period,
                         @Nullable Integer rpm, @Nullable Integer tpm, List<String> profiles) {

    public static ApiKeyJson of(ApiKey k) {
        return new ApiKeyJson(k.id(), k.name(), k.created().toString(), k.budgetUsd(),
                k.budgetUsd() == null ? null : k.period().name().toLowerCase(Locale.ROOT), k.rpm(), k.tpm(), k.profiles());
    }
}
