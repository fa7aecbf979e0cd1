package dev.baton.bench;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.store.StoreSettings;
import dev.baton.store.internal.JdbcBudgetStore;
import dev.baton.store.internal.JdbcUsageLedger;
import dev.baton.store.internal.PostgresDatabase;
import dev.baton.testing.PostgresServer;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Budgeted pipeline calls per second on one PostgreSQL store, with 1, 2 and 4 replicas. A replica
 * is a pipeline with its own connection pool, batch writer, budget store owner (leases) and usage
 * ledger, in this JVM (so the figure is the store's and the pipeline's cost, not process start-up).
 * Each replica is driven by {@code --threads} platform threads calling an instant model in a
 * closed loop. The store is the embedded PostgreSQL of the test harness (or {@code --url}).
 * <p>
 * Two phases per replica count: <b>throughput</b> ({@code --seconds} after {@code --warmup-seconds},
 * a project budget far above what the run spends), checked afterwards: ledger rows equal calls and
 * the budget counter equals the ledger's cost; <b>overspend</b>: a $0.05 budget (about 7,000
 * calls) raced by the same threads until every call is refused, checked: settled spend never
 * exceeds the limit and the ledger agrees.
 *
 * <pre>java -cp baton-bench/target/benchmarks.jar dev.baton.bench.PostgresBudgetHarness --replicas 1,2,4 --seconds 10</pre>
 */
public final class PostgresBudgetHarness {

    private static final ChatRequest REQUEST = ChatRequest.builder().user("Say hello in one sentence.").maxTokens(100)
            .metadata("run_id", "bench-run").build();

    private PostgresBudgetHarness() {
    }

    /** One replica: its own pool, writer, budget owner, ledger and pipeline. */
    private record Replica(PostgresDatabase db, JdbcUsageLedger ledger, BudgetEnforcer budgets, Pipeline pipeline) {
        static Replica open(StoreSettings settings, String limitUsd) {
            PostgresDatabase db = PostgresDatabase.open(settings);
            JdbcUsageLedger ledger = new JdbcUsageLedger(db);
            BudgetEnforcer budgets = new BudgetEnforcer(
                    List.of(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.TOTAL, limitUsd)),
                    new JdbcBudgetStore(db), Clock.systemUTC(), BudgetOptions.DEFAULT);
            Pipeline pipeline = Pipeline.builder().ledger(ledger).budgets(budgets)
                    .profile(PipelineProfile.builder("fast", new InstantChatModel("instant-fast"))
                            .timeout(Duration.ofSeconds(60)).build()).build();
            return new Replica(db, ledger, budgets, pipeline);
        }

        void close() {
            pipeline.close();
            db.close();
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = List.of(1, 2, 4);
        int seconds = 10;
        int warmup = 5;
        int threads = 2;
        String url = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--replicas" -> counts = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmup = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--url" -> url = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --replicas 1,2,4 --seconds N --warmup-seconds N --threads N --url JDBC_URL)");
            }
        }
        System.out.printf(Locale.ROOT, "%d thread(s) per replica, %d s measured after %d s warm-up, %d cores, load %.1f%n",
                threads, seconds, warmup, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int n : counts) {
            throughput(settings(url), n, threads, warmup, seconds);
            overspend(settings(url), n, threads);
        }
        System.exit(0);
    }

    private static StoreSettings settings(String url) {
        if (url != null) return StoreSettings.postgres(url, null, null, 4);
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        return StoreSettings.postgres(db.jdbcUrl(), db.user(), db.password(), 4);
    }

    private static void throughput(StoreSettings settings, int n, int threads, int warmup, int seconds) throws Exception {
        List<Replica> replicas = open(settings, n, "1000000");
        try {
            Instant start = Instant.now().minusSeconds(1);
            long warm = drive(replicas, threads, Duration.ofSeconds(warmup)).calls;
            Result r = drive(replicas, threads, Duration.ofSeconds(seconds));
            for (Replica replica : replicas) replica.budgets().close();
            StatsRow row = ledger(replicas.getFirst(), start);
            long settled = settledNanos(replicas.getFirst());
            long calls = warm + r.calls;
            System.out.printf(Locale.ROOT, "replicas %d: %,.0f budgeted calls/s (%,d calls in %d s, %d refused);"
                            + " ledger rows %d (%s), budget counter %s USD vs ledger %s USD (%s)%n",
                    n, r.calls / (double) seconds, r.calls, seconds, r.refused, row.calls(),
                    row.calls() == calls ? "one per call" : "MISMATCH, calls " + calls,
                    BudgetAmount.toUsd(settled).toPlainString(), row.costUsd().toPlainString(),
                    BudgetAmount.toUsd(settled).compareTo(row.costUsd()) == 0 ? "equal" : "MISMATCH");
        } finally {
            replicas.forEach(Replica::close);
        }
    }

    private static void overspend(StoreSettings settings, int n, int threads) throws Exception {
        BigDecimal limit = new BigDecimal("0.05");
        List<Replica> replicas = open(settings, n, limit.toPlainString());
        try {
            Instant start = Instant.now().minusSeconds(1);
            Result r = drive(replicas, threads, Duration.ofSeconds(60), true);
            for (Replica replica : replicas) replica.budgets().close();
            StatsRow row = ledger(replicas.getFirst(), start);
            BigDecimal settled = BudgetAmount.toUsd(settledNanos(replicas.getFirst()));
            System.out.printf(Locale.ROOT, "replicas %d, $%s budget: %,d calls succeeded, spend %s USD (ledger %s USD, %d rows):"
                            + " %s%n", n, limit.toPlainString(), r.calls, settled.toPlainString(), row.costUsd().toPlainString(),
                    row.calls(), settled.compareTo(limit) <= 0 && row.costUsd().compareTo(limit) <= 0 && row.calls() == r.calls
                            ? "no overspend" : "OVERSPEND OR MISMATCH");
        } finally {
            replicas.forEach(Replica::close);
        }
    }

    private static List<Replica> open(StoreSettings settings, int n, String limitUsd) {
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < n; i++) replicas.add(Replica.open(settings, limitUsd));
        return replicas;
    }

    private record Result(long calls, long refused) {
    }

    private static Result drive(List<Replica> replicas, int threads, Duration length) throws InterruptedException {
        return drive(replicas, threads, length, false);
    }

    /** Closed loop; with {@code untilRefused} each thread stops at its first budget refusal (or at {@code length}). */
    private static Result drive(List<Replica> replicas, int threads, Duration length, boolean untilRefused)
            throws InterruptedException {
        LongAdder calls = new LongAdder();
        LongAdder refused = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (Replica replica : replicas) {
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    var model = replica.pipeline().forProfile("fast");
                    while (!stop.get()) {
                        try {
                            model.chat(REQUEST);
                            calls.increment();
                        } catch (BatonException e) {
                            if (e.code() != ErrorCode.BUDGET_EXCEEDED) throw e;
                            refused.increment();
                            if (untilRefused) return;
                        }
                    }
                }));
            }
        }
        long deadline = System.nanoTime() + length.toNanos();
        for (Thread w : workers) w.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        stop.set(true);
        for (Thread w : workers) w.join();
        return new Result(calls.sum(), refused.sum());
    }

    private static StatsRow ledger(Replica any, Instant since) {
        any.db().flush();
        List<StatsRow> rows = any.ledger().query(new StatsQuery(since, StatsQuery.GroupBy.NONE));
        return rows.isEmpty() ? new StatsRow("all", 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, null, null, null, null)
                : rows.getFirst();
    }

    private static long settledNanos(Replica any) {
        return new JdbcBudgetStore(any.db(), "bench-observer").spends(BudgetScope.PROJECT, null, "", Instant.now())
                .stream().mapToLong(s -> s.spent().nanoUsd()).sum();
    }
}
