package dev.baton.store.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.store.StoreSettings;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.BudgetSpend;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas (each its own connection pool, writer, budget store owner and pipeline) on one
 * PostgreSQL database, 300 concurrent calls against a budget that fits about a third of them.
 */
class PostgresBudgetReplicasTest {

    /** $10 per million output tokens: 1,000-3,000 output tokens cost $0.01-$0.03 ($0.02 on average). */
    private static final Prices PRICES = Prices.of(0, 0, 10);
    private static final BigDecimal LIMIT = new BigDecimal("2.00");

    private record Replica(PostgresDatabase db, JdbcUsageLedger ledger, BudgetEnforcer budgets, Pipeline pipeline) {
        void close() {
            pipeline.close();
            db.close();
        }
    }

    private static Replica replica(StoreSettings settings, BudgetOptions options) {
        PostgresDatabase db = TestStores.open(settings);
        JdbcUsageLedger ledger = new JdbcUsageLedger(db);
        BudgetEnforcer budgets = new BudgetEnforcer(
                List.of(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, LIMIT.toPlainString())),
                new JdbcBudgetStore(db), Clock.systemUTC(), options);
        FakeChatModel model = FakeChatModel.named("openai", "gpt-x", 100_000, PRICES).otherwise(request -> Step
                .reply("ok", Usage.of(0, ThreadLocalRandom.current().nextInt(1_000, 3_001)))
                .after(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 10))));
        Pipeline pipeline = Pipeline.builder().ledger(ledger).budgets(budgets)
                .profile(PipelineProfile.builder("main", model).maxTokens(3_000).build()).build();
        return new Replica(db, ledger, budgets, pipeline);
    }

    @Test
    void givenThreeReplicasOnOneDatabase_whenThreeHundredCallsRace_thenSpendStaysWithinTheBudget() throws Exception {
        StoreSettings settings = TestStores.settingsOfFreshDatabase(4);
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < 3; i++) replicas.add(replica(settings, BudgetOptions.DEFAULT));
        ConcurrentLinkedQueue<BigDecimal> costs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Object> refusals = new ConcurrentLinkedQueue<>();
        try {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 300; i++) {
                    Replica r = replicas.get(i % 3);
                    threads.submit(() -> {
                        try {
                            costs.add(r.pipeline().forProfile("main").chat(ChatRequest.of("go")).usage().costUsd());
                        } catch (BatonException e) {
                            refusals.add(e.code());
                        } catch (RuntimeException e) {
                            refusals.add(e);
                        }
                    });
                }
            }
            for (Replica r : replicas) {
                r.ledger().flush();
                r.budgets().close(); // settles and releases: what is left is the settled spend
            }
            long settled = new JdbcBudgetStore(replicas.getFirst().db(), "observer")
                    .spends(BudgetScope.PROJECT, null, "", Instant.now()).stream()
                    .mapToLong(sp -> sp.spent().nanoUsd()).sum();
            List<StatsRow> stats = replicas.getFirst().ledger().query(new StatsQuery(null, StatsQuery.GroupBy.NONE));
            BigDecimal spent = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);

            assertThat(costs.size() + refusals.size()).isEqualTo(300);
            assertThat(refusals).as("every failure is the budget error").isNotEmpty()
                    .allMatch(c -> c == ErrorCode.BUDGET_EXCEEDED);
            assertThat(spent).isLessThanOrEqualTo(LIMIT).isGreaterThan(new BigDecimal("0.60"));
            assertThat(BudgetAmount.toUsd(settled)).as("the budget counter holds every settled call")
                    .isEqualByComparingTo(spent);
            assertThat(stats).singleElement().satisfies(row -> {
                assertThat(row.calls()).as("ledger rows == successes").isEqualTo(costs.size());
                assertThat(row.costUsd()).isLessThanOrEqualTo(LIMIT).isEqualByComparingTo(spent);
            });
        } finally {
            replicas.forEach(Replica::close);
        }
    }

    @Test
    void givenAReplicaThatDiesHoldingALease_whenItsLeaseExpires_thenNoBudgetStaysReserved() throws Exception {
        StoreSettings settings = TestStores.settingsOfFreshDatabase(3);
        BudgetOptions shortLeases = BudgetOptions.DEFAULT.withLeaseTtl(Duration.ofSeconds(1));
        Replica dying = replica(settings, shortLeases);
        Replica survivor = replica(settings, shortLeases);
        try {
            dying.pipeline().forProfile("main").chat(ChatRequest.of("go"));
            dying.db().flush();
            JdbcBudgetStore observer = new JdbcBudgetStore(survivor.db(), "observer");
            assertThat(leased(observer, Instant.now())).as("the dying replica holds a lease").isPositive();

            // dies: it loses the database (writer and pool stop), its leases are neither released nor renewed
            dying.db().close();

            Thread.sleep(1_500);
            survivor.pipeline().forProfile("main").chat(ChatRequest.of("go")); // an acquisition purges expired leases
            survivor.budgets().close(); // releases the survivor's own lease
            assertThat(leased(observer, Instant.now())).as("nothing stays reserved").isZero();
            assertThat(observer.spends(BudgetScope.PROJECT, null, "", Instant.now())).singleElement()
                    .satisfies(s -> assertThat(s.spent().nanoUsd()).isPositive());
        } finally {
            survivor.ledger().close();
            survivor.db().close();
        }
    }

    private static long leased(JdbcBudgetStore store, Instant now) {
        return store.spends(BudgetScope.PROJECT, null, "", now.minusSeconds(3600)).stream()
                .map(BudgetSpend::leased).mapToLong(BudgetAmount::nanoUsd).sum();
    }
}
