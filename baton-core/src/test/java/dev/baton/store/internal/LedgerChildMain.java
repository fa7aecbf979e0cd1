package dev.baton.store.internal;

import dev.baton.llm.ChatRequest;
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
import dev.baton.usage.StatsQuery;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The child process of {@link KilledProcessTest}: 50 virtual threads calling through the whole
 * pipeline with the SQLite ledger and a budget, forever, until it is killed. Each call costs
 * exactly $0.001 (100 output tokens at $10/M). Prints {@code READY} once rows are committed.
 * Arguments: database path, lease time to live in milliseconds.
 */
public final class LedgerChildMain {

    private LedgerChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Duration ttl = Duration.ofMillis(Long.parseLong(args[1]));
        FakeChatModel model = FakeChatModel.named("openai", "gpt-x", 100_000, Prices.of(0, 0, 10))
                .otherwise(Step.reply("ok", Usage.of(0, 100)).after(Duration.ofMillis(2)));
        JdbcUsageLedger ledger = JdbcUsageLedger.open(db);
        BudgetEnforcer budgets = new BudgetEnforcer(
                List.of(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, "1000")),
                new JdbcBudgetStore(ledger.database()), Clock.systemUTC(), BudgetOptions.DEFAULT.withLeaseTtl(ttl));
        Pipeline pipeline = Pipeline.builder().ledger(ledger).budgets(budgets)
                .profile(PipelineProfile.builder("main", model).maxTokens(100).build()).build();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < 50; i++) {
            threads.submit(() -> {
                while (true) pipeline.forProfile("main").chat(ChatRequest.of("work"));
            });
        }
        while (ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE)).stream().mapToLong(r -> r.calls()).sum() < 500) {
            Thread.sleep(20);
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
