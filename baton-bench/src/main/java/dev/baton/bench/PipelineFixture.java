package dev.baton.bench;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.routing.RoutingRules;
import dev.baton.store.internal.JdbcBudgetStore;
import dev.baton.store.internal.JdbcUsageLedger;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A whole pipeline as the CLI builds one, around instant models: two profiles ({@code fast}
 * falling back to {@code backup}), routing rules with a task type and an alias, the SQLite usage
 * ledger (batched writes) in a fresh temporary directory, and optionally a USD budget that applies
 * to every call (project scope, per day, backed by the SQLite budget store). Calls go through
 * {@link Pipeline#routed()} with metadata {@code task_type}, so the router runs on every call.
 */
final class PipelineFixture implements AutoCloseable {

    /** Budget variants: {@code none} (no limit configured) or {@code usd} (a limit that applies). */
    static final String NO_BUDGET = "none";
    static final String USD_BUDGET = "usd";

    final ChatModel bare = new InstantChatModel("instant-fast");
    final ChatModel routed;
    final ChatRequest request = ChatRequest.builder()
            .system("You are a helpful assistant.").user("Say hello in one sentence.")
            .temperature(0.2).maxTokens(100)
            .metadata("task_type", "review").metadata("run_id", "bench-run").metadata("agent", "bench")
            .build();
    private final Path dir;
    private final Pipeline pipeline;
    private final JdbcUsageLedger ledger;
    private final Instant start = Instant.now();

    private final boolean withLedger;

    PipelineFixture(String budget) throws IOException {
        this(budget, true);
    }

    /** @param withLedger {@code false}: calls are not recorded (to tell the ledger's share of a figure) */
    PipelineFixture(String budget, boolean withLedger) throws IOException {
        this.withLedger = withLedger;
        dir = Files.createTempDirectory("baton-bench-pipeline-");
        ledger = JdbcUsageLedger.open(dir.resolve("baton.db"));
        Clock clock = Clock.systemUTC();
        BudgetEnforcer budgets = switch (budget) {
            case NO_BUDGET -> BudgetEnforcer.unlimited();
            case USD_BUDGET -> new BudgetEnforcer(
                    List.of(BudgetLimit.usd(BudgetScope.PROJECT, null, BudgetPeriod.DAY, "1000000")),
                    new JdbcBudgetStore(ledger.database()), clock, BudgetOptions.DEFAULT);
            default -> throw new IllegalArgumentException("unknown budget variant " + budget);
        };
        pipeline = Pipeline.builder()
                .profile(PipelineProfile.builder("fast", bare).timeout(Duration.ofSeconds(60)).fallbacks("backup")
                        .credential("bench-key").build())
                .profile(PipelineProfile.builder("backup", new InstantChatModel("instant-backup"))
                        .timeout(Duration.ofSeconds(60)).build())
                .routing(new RoutingRules(Map.of("review", List.of("fast", "backup")), "fast",
                        Map.of("smart", "backup")))
                .ledger(withLedger ? ledger : dev.baton.usage.UsageLedger.none()).budgets(budgets).clock(clock)
                .build();
        routed = pipeline.routed();
    }

    /** Waits for the ledger's writer, then the number of rows this fixture wrote. */
    long ledgerRows() {
        if (!withLedger) return 0;
        ledger.flush();
        List<StatsRow> rows = ledger.query(new StatsQuery(start.minusSeconds(1), StatsQuery.GroupBy.NONE));
        return rows.isEmpty() ? 0 : rows.getFirst().calls();
    }

    /** Prints the ledger row count (proof the writes happened), closes the pipeline, deletes the directory. */
    @Override
    public void close() throws IOException {
        try {
            System.out.println("ledger rows written: " + ledgerRows());
        } finally {
            pipeline.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
