package dev.baton.usage;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Builds the failures of refused calls: which limit, how much is spent and when it resets. */
final class BudgetRefusals {

    private final ZoneId zone;

    BudgetRefusals(ZoneId zone) {
        this.zone = zone;
    }

    BatonException exceeded(BudgetCounter counter, LeaseGrant view, BudgetAmount worst, Instant now) {
        BudgetLimit limit = counter.limit();
        BudgetAmount inFlight = view.heldByOthers().plus(counter.reserved());
        StringBuilder m = new StringBuilder("budget exceeded: ").append(limit.describe(counter.key().scopeKey()));
        if (limit.usd() != null) {
            m.append(" limit ").append(money(limit.usd())).append(", spent ").append(money(view.spent().usd()))
                    .append(", reserved by calls in flight ").append(money(inFlight.usd()))
                    .append(", this call needs up to ").append(money(worst.usd()));
        }
        if (limit.tokens() != null) {
            m.append(limit.usd() != null ? ";" : "").append(" token limit ").append(limit.tokens())
                    .append(", spent ").append(view.spent().tokens()).append(", reserved ").append(inFlight.tokens())
                    .append(", this call needs up to ").append(worst.tokens());
        }
        Instant reset = limit.period().resetsAt(now, zone);
        String resets = reset == null ? "it does not reset (period " + limit.period().name().toLowerCase() + ")"
                : "it resets at " + reset;
        m.append("; ").append(resets);
        String suggestion = counter.isLocal()
                ? "Raise the run's budget (`--budget` or the ensemble's `budget:`); spent " + money(view.spent().usd())
                        + " of " + (limit.usd() == null ? "-" : money(limit.usd())) + "."
                : null;
        BatonException.Builder b = BatonException.builder(ErrorCode.BUDGET_EXCEEDED, m.toString())
                .reason(ErrorReason.QUOTA_EXHAUSTED)
                .suggestion(suggestion != null ? suggestion : (reset == null ? "Raise" : "Wait until " + reset + ", or raise")
                        + " the " + limit.describe(counter.key().scopeKey()) + " limit under `budgets:` in the configuration"
                        + " (spent " + money(view.spent().usd()) + " of " + (limit.usd() == null ? "-" : money(limit.usd())) + ").");
        if (reset != null) b.retryAfter(Duration.between(now, reset));
        return b.build();
    }

    BatonException rateLimited(BudgetLimit limit, String key, RateWindow window, Instant retryAt, Instant now) {
        String who = limit.scope() == BudgetScope.PROJECT ? "project"
                : limit.scope().name().toLowerCase().replace('_', ' ') + " '" + key + "'";
        StringBuilder m = new StringBuilder("rate limit of ").append(who).append(" reached:");
        if (window.rpm() >= 0) m.append(' ').append(window.rpm()).append(" requests/min");
        if (window.tpm() >= 0) m.append(' ').append(window.tpm()).append(" tokens/min");
        m.append("; the window frees at ").append(retryAt);
        return BatonException.builder(ErrorCode.RATE_LIMITED, m.toString())
                .reason(ErrorReason.QUOTA_EXHAUSTED)
                .retryAfter(Duration.between(now, retryAt))
                .suggestion("Retry after " + retryAt + " or raise rpm/tpm of " + who + " under `budgets:`.")
                .build();
    }

    static String money(BigDecimal usd) {
        return "$" + usd.setScale(Math.max(2, Math.min(usd.stripTrailingZeros().scale(), 6)), RoundingMode.HALF_UP).toPlainString();
    }
}
