package dev.baton.store.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.pipeline.Pipeline;
import dev.baton.testkit.DenseBudgetFixture;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 concurrent calls of dense prompts (single letters, CJK, emoji) through a profile whose
 * 2,000-word system prompt is added below the budget layer, against $1.00: the reservation must
 * see the request as sent and bound its tokens from above, or spend passes the limit.
 */
class DenseBudgetConcurrencyTest {

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void dense_prompts_and_a_profile_system_prompt_never_push_spend_past_the_limit() throws Exception {
        JdbcUsageLedger ledger = JdbcUsageLedger.open(dir.resolve("baton.db"));
        BudgetEnforcer budgets = new BudgetEnforcer(
                List.of(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, "1.00")),
                new JdbcBudgetStore(ledger.database()), Clock.systemUTC(), BudgetOptions.DEFAULT);
        List<BigDecimal> costs = new ArrayList<>();
        List<ErrorCode> refusals = new ArrayList<>();
        List<StatsRow> stats;
        try (Pipeline pipeline = Pipeline.builder().ledger(ledger).budgets(budgets)
                .profile(DenseBudgetFixture.profile("main", Duration.ofMillis(5))).build()) {
            List<Future<BigDecimal>> calls = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    String prompt = DenseBudgetFixture.prompt(i);
                    calls.add(threads.submit(() -> pipeline.forProfile("main").chat(ChatRequest.of(prompt)).usage().costUsd()));
                }
            }
            for (Future<BigDecimal> f : calls) {
                try {
                    costs.add(f.get());
                } catch (ExecutionException e) {
                    refusals.add(e.getCause() instanceof BatonException b ? b.code() : null);
                }
            }
            stats = ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE));
        }

        BigDecimal spent = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent).isLessThanOrEqualTo(new BigDecimal("1.00"));
        assertThat(spent).as("the budget is used, not refused wholesale").isGreaterThan(new BigDecimal("0.30"));
        assertThat(refusals).isNotEmpty().allMatch(c -> c == ErrorCode.BUDGET_EXCEEDED);
        assertThat(stats).singleElement().satisfies(row -> {
            assertThat(row.calls()).as("ledger rows = successes").isEqualTo(costs.size());
            assertThat(row.costUsd()).isEqualByComparingTo(spent);
        });
    }
}
