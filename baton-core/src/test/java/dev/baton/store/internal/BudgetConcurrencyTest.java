package dev.baton.store.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.BudgetStatus;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** 200 concurrent calls against a $1.00 budget, each costing $0.01–$0.03, with the SQLite ledger. */
class BudgetConcurrencyTest {

    @TempDir
    Path dir;

    /** $10 per million output tokens, nothing for input: 1,000–3,000 output tokens cost $0.01–$0.03. */
    private static final Prices PRICES = Prices.of(0, 0, 10);

    @Test
    void concurrent_calls_never_push_spend_past_the_limit() throws Exception {
        FakeChatModel model = FakeChatModel.named("openai", "gpt-x", 100_000, PRICES).otherwise(request -> Step
                .reply("ok", Usage.of(0, ThreadLocalRandom.current().nextInt(1_000, 3_001)))
                .after(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 20))));
        JdbcUsageLedger ledger = JdbcUsageLedger.open(dir.resolve("baton.db"));
        BudgetEnforcer budgets = new BudgetEnforcer(
                List.of(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, "1.00")),
                new JdbcBudgetStore(ledger.database()), Clock.systemUTC(), BudgetOptions.DEFAULT);
        List<BigDecimal> costs = new ArrayList<>();
        List<ErrorCode> refusals = new ArrayList<>();
        List<BudgetStatus> status;
        List<StatsRow> stats;

        try (Pipeline pipeline = Pipeline.builder().ledger(ledger).budgets(budgets)
                .profile(PipelineProfile.builder("main", model).maxTokens(3_000).build()).build()) {
            List<Future<ChatResponse>> calls = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    calls.add(threads.submit(() -> pipeline.forProfile("main").chat(ChatRequest.of("go"))));
                }
            }
            for (Future<ChatResponse> f : calls) {
                try {
                    costs.add(f.get().usage().costUsd());
                } catch (java.util.concurrent.ExecutionException e) {
                    refusals.add(e.getCause() instanceof BatonException b ? b.code() : null);
                }
            }
            status = budgets.status();
            stats = ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE));
        }

        BigDecimal spent = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(costs.size() + refusals.size()).isEqualTo(200);
        assertThat(spent).isLessThanOrEqualTo(new BigDecimal("1.00"));
        assertThat(spent).as("the budget is used, not refused wholesale").isGreaterThan(new BigDecimal("0.30"));
        assertThat(refusals).isNotEmpty().allMatch(c -> c == ErrorCode.BUDGET_EXCEEDED);
        assertThat(stats).singleElement().satisfies(row -> {
            assertThat(row.calls()).isEqualTo(costs.size());
            assertThat(row.costUsd()).isEqualByComparingTo(spent);
        });
        assertThat(status).singleElement().satisfies(s -> {
            assertThat(s.spentUsd()).isEqualByComparingTo(spent);
            assertThat(s.remainingUsd()).isEqualByComparingTo(new BigDecimal("1.00").subtract(spent));
        });
    }
}
