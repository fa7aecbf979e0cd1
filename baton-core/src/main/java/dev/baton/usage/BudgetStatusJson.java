package dev.baton.usage;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The JSON shape of a {@link BudgetStatus} ({@code baton budgets list -o json}, the servers'
 * budget reports): the limit, what is spent, reserved by live processes and left, and when the
 * bucket resets. A null limit or remaining figure means that dimension has no limit; a null
 * {@code resetsAt} that the bucket never resets.
 *
 * @param scope  the scope, lower-case ({@code project}, {@code profile}, {@code provider}, {@code api_key}, {@code run})
 * @param key    the scope's key (a profile name, …)
 * @param period the period, lower-case ({@code run}, {@code day}, {@code month}, {@code total})
 * @param bucket the current period's bucket id
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BudgetStatusJson(String scope, String key, String period, String bucket, BigDecimal limitUsd,
                               Long limitTokens, Integer rpm, Integer tpm, BigDecimal spentUsd, long spentTokens,
                               BigDecimal reservedUsd, long reservedTokens, BigDecimal remainingUsd,
                               Long remainingTokens, String resetsAt) {

    public static BudgetStatusJson of(BudgetStatus s) {
        BudgetLimit l = s.limit();
        return new BudgetStatusJson(l.scope().name().toLowerCase(Locale.ROOT), s.scopeKey(),
                l.period().name().toLowerCase(Locale.ROOT), s.bucket(), l.usd(), l.tokens(), l.rpm(), l.tpm(),
                s.spentUsd(), s.spentTokens(), s.reservedUsd(), s.reservedTokens(), s.remainingUsd(),
                s.remainingTokens(), s.resetsAt() == null ? null : s.resetsAt().toString());
    }
}
