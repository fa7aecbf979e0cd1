package dev.baton.server.metrics.internal;

import dev.baton.Baton;
import dev.baton.pipeline.DeploymentStatus;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.BudgetStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gauges of state read at each scrape: every deployment's circuit (0 closed, 1 half open,
 * 2 open) and recent failures, from the pipeline's cooldown registry; what is left of each
 * project, profile and provider budget. Budgets of an API key or a run are left out: their
 * keys would be labels without bound (and key ids are not labels).
 */
public final class StateGauges {

    private final Baton baton;
    private final MultiGauge cooldownState;
    private final MultiGauge cooldownFailures;
    private final MultiGauge budgetUsd;
    private final MultiGauge budgetTokens;

    public StateGauges(Baton baton, MeterRegistry registry) {
        this.baton = baton;
        this.cooldownState = MultiGauge.builder("baton.cooldown.state")
                .description("Circuit of each deployment: 0 closed, 1 half open, 2 open (cooling down)").register(registry);
        this.cooldownFailures = MultiGauge.builder("baton.cooldown.recent.failures")
                .description("Failures counted in the deployment's current window").register(registry);
        this.budgetUsd = MultiGauge.builder("baton.budget.remaining.usd")
                .description("USD left in each budget's current period").register(registry);
        this.budgetTokens = MultiGauge.builder("baton.budget.remaining.tokens")
                .description("Tokens left in each budget's current period").register(registry);
    }

    /** Reads cooldowns and budgets again (a scrape is about to be written). */
    public void refresh() {
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> failures = new ArrayList<>();
        for (DeploymentStatus s : baton.cooldowns().status()) {
            Tags tags = deployment(s.deployment());
            states.add(MultiGauge.Row.of(tags, switch (s.state()) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            }));
            failures.add(MultiGauge.Row.of(tags, s.recentFailures()));
        }
        cooldownState.register(states, true);
        cooldownFailures.register(failures, true);

        List<MultiGauge.Row<?>> usd = new ArrayList<>();
        List<MultiGauge.Row<?>> tokens = new ArrayList<>();
        for (BudgetStatus b : baton.budgets().status()) {
            BudgetScope scope = b.limit().scope();
            if (scope == BudgetScope.API_KEY || scope == BudgetScope.RUN) continue;
            Tags tags = Tags.of("scope", scope.name().toLowerCase(Locale.ROOT),
                    "period", b.limit().period().name().toLowerCase(Locale.ROOT),
                    "profile", scope == BudgetScope.PROFILE ? b.scopeKey() : "",
                    "provider", scope == BudgetScope.PROVIDER ? b.scopeKey() : "");
            if (b.remainingUsd() != null) usd.add(MultiGauge.Row.of(tags, b.remainingUsd().doubleValue()));
            if (b.remainingTokens() != null) tokens.add(MultiGauge.Row.of(tags, b.remainingTokens()));
        }
        budgetUsd.register(usd, true);
        budgetTokens.register(tokens, true);
    }

    private static Tags deployment(String deployment) {
        int slash = deployment.indexOf('/');
        return slash < 0 ? Tags.of("provider", deployment, "model", "")
                : Tags.of("provider", deployment.substring(0, slash), "model", deployment.substring(slash + 1));
    }
}
