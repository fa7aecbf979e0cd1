package dev.baton.ensemble.run;

import dev.baton.ensemble.Specs;

import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.pipeline.Pipeline;
import dev.baton.store.internal.JdbcUsageLedger;
import dev.baton.testkit.DenseBudgetFixture;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's budget is a reservation every agent's model call takes under the concurrency permit:
 * 200 agents in parallel (or queued one at a time) with dense prompts and a 2,000-word profile
 * system prompt never spend more than the run's budget.
 */
class RunBudgetReservationTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} agents, max_concurrency {1}, budget ${2}")
    @CsvSource({"200, 0, 1.00", "200, 0, 0.50", "60, 1, 0.50"})
    void parallel_and_queued_agents_never_spend_past_the_run_budget(int agents, int maxConcurrency, String usd) {
        JdbcUsageLedger ledger = JdbcUsageLedger.open(dir.resolve("baton.db"));
        RunResult result;
        List<StatsRow> stats;
        try (Pipeline pipeline = Pipeline.builder().ledger(ledger)
                .profile(DenseBudgetFixture.profile("main", Duration.ofMillis(5))).build()) {
            EnsembleEngine engine = new EnsembleEngine(EngineOptions.builder(models(pipeline)).build());
            result = engine.run(Specs.yaml(spec(agents, maxConcurrency, usd)), DenseBudgetFixture.prompt(0));
            stats = ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE));
        }

        List<AgentResult> completed = result.agents().stream().filter(AgentResult::completed).toList();
        List<AgentResult> failed = result.agents().stream().filter(a -> a.status() == AgentStatus.FAILED).toList();
        BigDecimal spent = completed.stream().map(a -> a.usage().costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent).isLessThanOrEqualTo(new BigDecimal(usd));
        assertThat(completed).as("the budget is used").hasSizeGreaterThan(3);
        assertThat(completed.size() + failed.size()).isEqualTo(agents);
        assertThat(failed).isNotEmpty().allSatisfy(a -> {
            assertThat(a.error().code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
            assertThat(a.attempts()).as("a refused agent is not retried").isEqualTo(1);
        });
        assertThat(stats).singleElement().satisfies(row -> {
            assertThat(row.calls()).as("ledger rows = successes").isEqualTo(completed.size());
            assertThat(row.costUsd()).isEqualByComparingTo(spent);
        });
    }

    private static String spec(int agents, int maxConcurrency, String usd) {
        StringBuilder y = new StringBuilder("name: wide\nbudget: {usd: " + usd + "}\n");
        if (maxConcurrency > 0) y.append("max_concurrency: ").append(maxConcurrency).append('\n');
        y.append("agents:\n");
        for (int i = 0; i < agents; i++) {
            y.append("  - {name: a").append(i).append(", model_profile: main, retries: 2, fallback_model_profile: main}\n");
        }
        return y.toString();
    }

    private static AgentModels models(Pipeline pipeline) {
        return new AgentModels() {
            @Override
            public ChatModel forProfile(String profile) {
                return pipeline.forProfile(profile);
            }

            @Override
            public ChatModel forModel(String provider, String model) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean hasProfile(String profile) {
                return pipeline.profiles().containsKey(profile);
            }

            @Override
            public boolean hasProvider(String provider) {
                return false;
            }

            @Override
            public Optional<Duration> profileTimeout(String profile) {
                return Optional.empty();
            }

            @Override
            public BudgetEnforcer budgets() {
                return pipeline.budgets();
            }
        };
    }
}
