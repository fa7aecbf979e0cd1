package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.EmbeddingPurpose;
import dev.baton.llm.EmbeddingRequest;
import dev.baton.llm.EmbeddingResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;
import dev.baton.testkit.CapturingLedger;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.internal.InMemoryBudgetStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingPipelineTest {

    private final AtomicInteger calls = new AtomicInteger();

    /** $10 per million input tokens; answers 1000 tokens per call with no cost of its own. */
    private final EmbeddingModel provider = new EmbeddingModel() {
        @Override
        public EmbeddingResponse embed(EmbeddingRequest request) {
            calls.incrementAndGet();
            if (request.inputs().getFirst().equals("fail")) throw new BatonException(ErrorCode.RATE_LIMITED, "slow down");
            return new EmbeddingResponse(List.of(new float[]{1f}), Usage.of(1000, 0), "openai", "e-1", Duration.ZERO);
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo("openai", "e-1", 8192, 0, Set.of(), Prices.of(10, 10, 0));
        }
    };

    @Test
    void each_call_is_recorded_in_the_ledger_under_the_profile_and_priced_from_the_model() {
        CapturingLedger ledger = new CapturingLedger();
        EmbeddingModel m = EmbeddingPipeline.of(provider, "embed", null, ledger, BudgetEnforcer.unlimited(), Clock.systemUTC());

        EmbeddingResponse r = m.embed(EmbeddingRequest.of(List.of("hello"), EmbeddingPurpose.DOCUMENT));
        assertThatThrownBy(() -> m.embed(EmbeddingRequest.of(List.of("fail"), EmbeddingPurpose.DOCUMENT)));

        assertThat(r.usage().costUsd()).isEqualByComparingTo("0.01");
        assertThat(ledger.records()).hasSize(2);
        assertThat(ledger.records().get(0).profile()).isEqualTo("embed");
        assertThat(ledger.records().get(0).inputTokens()).isEqualTo(1000);
        assertThat(ledger.records().get(0).costUsd()).isEqualByComparingTo("0.01");
        assertThat(ledger.records().get(1).outcome()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void a_call_over_the_profiles_budget_is_refused_before_it_is_sent() {
        BudgetEnforcer budgets = new BudgetEnforcer(List.of(BudgetLimit.usd(BudgetScope.PROFILE, "embed", BudgetPeriod.DAY, "0.015")),
                new InMemoryBudgetStore(), Clock.systemUTC(), BudgetOptions.DEFAULT);
        EmbeddingModel m = EmbeddingPipeline.of(provider, "embed", null, new CapturingLedger(), budgets, Clock.systemUTC());

        m.embed(EmbeddingRequest.of(List.of("hello"), EmbeddingPurpose.DOCUMENT)); // settles $0.01

        assertThatThrownBy(() -> m.embed(EmbeddingRequest.of(List.of("x".repeat(2000)), EmbeddingPurpose.DOCUMENT)))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED));
        assertThat(calls.get()).isEqualTo(1);
        assertThat(budgets.status().getFirst().spentUsd()).isEqualByComparingTo(new BigDecimal("0.01"));
    }
}
