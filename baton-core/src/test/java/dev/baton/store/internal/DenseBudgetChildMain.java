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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child process of {@link DenseBudgetProcessesTest}: {@code calls} concurrent dense-prompt calls
 * through the whole pipeline against the shared SQLite store and a project budget of
 * {@code usd}, then a clean close. Prints {@code ok=<answered> refused=<refused>}; any other
 * failure exits 1. Arguments: database path, calls, usd.
 */
public final class DenseBudgetChildMain {

    private DenseBudgetChildMain() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        int calls = Integer.parseInt(args[1]);
        JdbcUsageLedger ledger = JdbcUsageLedger.open(db);
        BudgetEnforcer budgets = new BudgetEnforcer(
                List.of(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, args[2])),
                new JdbcBudgetStore(ledger.database()), Clock.systemUTC(), BudgetOptions.DEFAULT);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        try (Pipeline pipeline = Pipeline.builder().ledger(ledger).budgets(budgets)
                .profile(DenseBudgetFixture.profile("main", Duration.ofMillis(20))).build();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                String prompt = DenseBudgetFixture.prompt(i);
                threads.submit(() -> {
                    try {
                        pipeline.forProfile("main").chat(ChatRequest.of(prompt));
                        ok.incrementAndGet();
                    } catch (BatonException e) {
                        (e.code() == ErrorCode.BUDGET_EXCEEDED ? refused : other).incrementAndGet();
                    }
                });
            }
            threads.close();
        }
        System.out.println("ok=" + ok.get() + " refused=" + refused.get());
        System.exit(other.get() == 0 ? 0 : 1);
    }
}
