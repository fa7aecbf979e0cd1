package dev.baton.store.internal;

import dev.baton.llm.FallbackStep;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import dev.baton.usage.UsageLedger;
import dev.baton.usage.UsageRecord;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The usage ledger in a SQLite or PostgreSQL database. {@link #record} queues the row for the database's batch
 * writer (one transaction per batch, so a row is stored whole or not at all); {@link #query}
 * flushes, then reads. {@link #close()} flushes; it closes the database too when the ledger opened
 * it ({@link #open(Path)}). Thread-safe.
 */
public final class JdbcUsageLedger implements UsageLedger {

    private static final String INSERT = """
            INSERT INTO usage_ledger (ts_ms, run_id, agent, session, task_type, profile, provider, model,
              input_tokens, cached_tokens, output_tokens, reasoning_tokens, cost_nano_usd, latency_us, ttft_us,
              outcome, fallback_path, estimated, streamed, api_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final StoreDatabase database;
    private final boolean ownsDatabase;

    /** A ledger in {@code database}; closing the ledger leaves the database open. */
    public JdbcUsageLedger(StoreDatabase database) {
        this(database, false);
    }

    private JdbcUsageLedger(StoreDatabase database, boolean ownsDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    /** Opens the database at {@code path} for this ledger alone; closing the ledger closes it. */
    public static JdbcUsageLedger open(Path path) {
        return new JdbcUsageLedger(SqliteDatabase.open(path), true);
    }

    /** A ledger that closes {@code database} when it is closed. */
    public static JdbcUsageLedger owning(StoreDatabase database) {
        return new JdbcUsageLedger(database, true);
    }

    public StoreDatabase database() {
        return database;
    }

    @Override
    public void record(UsageRecord record) {
        database.writer().submit(context -> insert(context.batched(INSERT), record));
    }

    private static void insert(PreparedStatement ps, UsageRecord r) throws SQLException {
        ps.setLong(1, r.time().toEpochMilli());
        ps.setString(2, r.runId());
        ps.setString(3, r.agent());
        ps.setString(4, r.session());
        ps.setString(5, r.taskType());
        ps.setString(6, r.profile());
        ps.setString(7, r.provider());
        ps.setString(8, r.model());
        ps.setLong(9, r.inputTokens());
        ps.setLong(10, r.cachedInputTokens());
        ps.setLong(11, r.outputTokens());
        ps.setLong(12, r.reasoningTokens());
        if (r.costUsd() == null) ps.setNull(13, Types.INTEGER);
        else ps.setLong(13, BudgetAmount.toNanos(r.costUsd()));
        ps.setLong(14, r.latency().toNanos() / 1000);
        if (r.timeToFirstToken() == null) ps.setNull(15, Types.INTEGER);
        else ps.setLong(15, r.timeToFirstToken().toNanos() / 1000);
        ps.setString(16, r.outcome());
        ps.setString(17, fallbackPath(r.fallbacks()));
        ps.setInt(18, r.estimated() ? 1 : 0);
        ps.setInt(19, r.streamed() ? 1 : 0);
        ps.setString(20, r.apiKey());
        ps.addBatch();
    }

    /** The fallback steps as {@code profile(CODE) > profile(CODE)}, or null when there were none. */
    static String fallbackPath(List<FallbackStep> steps) {
        if (steps.isEmpty()) return null;
        return steps.stream().map(s -> (s.profile() != null ? s.profile() : s.model()) + "(" + s.code() + ")")
                .collect(Collectors.joining(" > "));
    }

    /**
     * Where the database lives by default: {@code $XDG_DATA_HOME/baton/baton.db} when that variable
     * is set to an absolute path, else {@code <home>/.local/share/baton/baton.db}.
     */
    public static Path defaultPath(java.util.Map<String, String> env, Path home) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("baton").resolve("baton.db");
    }

    @Override
    public List<StatsRow> query(StatsQuery query) {
        database.flush();
        return database.read(c -> UsageStatsReader.read(c, database.dialect(), query));
    }

    @Override
    public void flush() {
        database.flush();
    }

    @Override
    public void close() {
        if (ownsDatabase) database.close();
        else database.flush();
    }
}
