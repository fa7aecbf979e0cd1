package dev.baton.artifact.internal;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import dev.baton.artifact.ArtifactIndex;
import dev.baton.artifact.IndexedRun;

/**
 * {@link ArtifactIndex} in SQLite: table {@code runs}, created if missing, database in WAL mode.
 * One connection, used under a lock (SQLite serialises writers anyway).
 */
public final class SqliteArtifactIndex implements ArtifactIndex {

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS runs(
              run_id TEXT PRIMARY KEY,
              ensemble TEXT NOT NULL,
              status TEXT NOT NULL,
              started_at TEXT NOT NULL,
              finished_at TEXT,
              duration_ms INTEGER NOT NULL DEFAULT 0,
              input_tokens INTEGER NOT NULL DEFAULT 0,
              output_tokens INTEGER NOT NULL DEFAULT 0,
              cost_usd TEXT,
              deliverable TEXT,
              artifact_dir TEXT NOT NULL)""";
    private static final String COLUMNS = "run_id, ensemble, status, started_at, finished_at, duration_ms, "
            + "input_tokens, output_tokens, cost_usd, deliverable, artifact_dir";

    /** Fixed width, so text order is time order (Instant.toString drops zero fractions). */
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    /** Opens (creating if needed) the index at {@code jdbcUrl}, e.g. {@code jdbc:sqlite:/path/baton.db}. */
    public SqliteArtifactIndex(String jdbcUrl) {
        try {
            connection = DriverManager.getConnection(jdbcUrl);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // as the usage ledger's database: in WAL mode a killed process loses nothing committed,
                // and a commit no longer waits for an fsync at the end of every run
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute(SCHEMA);
                s.execute("CREATE INDEX IF NOT EXISTS runs_ensemble_started ON runs(ensemble, started_at)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open artifact index " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** Opens the index in the SQLite file {@code db}, creating parent directories. */
    public static SqliteArtifactIndex open(Path db) {
        try {
            Path parent = db.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new SqliteArtifactIndex("jdbc:sqlite:" + db.toAbsolutePath());
    }

    @Override
    public void record(IndexedRun r) {
        String sql = "INSERT OR REPLACE INTO runs(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)";
        update(sql, ps -> {
            ps.setString(1, r.runId());
            ps.setString(2, r.ensemble());
            ps.setString(3, r.status());
            ps.setString(4, TIME.format(r.startedAt()));
            ps.setString(5, r.finishedAt() == null ? null : TIME.format(r.finishedAt()));
            ps.setLong(6, r.durationMs());
            ps.setLong(7, r.inputTokens());
            ps.setLong(8, r.outputTokens());
            ps.setString(9, r.costUsd() == null ? null : r.costUsd().toPlainString());
            ps.setString(10, r.deliverable());
            ps.setString(11, r.artifactDir());
        });
    }

    @Override
    public List<IndexedRun> list(String ensemble, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM runs" + (ensemble == null ? "" : " WHERE ensemble = ?")
                + " ORDER BY started_at DESC LIMIT ?";
        return query(sql, ps -> {
            int i = 1;
            if (ensemble != null) ps.setString(i++, ensemble);
            ps.setInt(i, limit);
        });
    }

    @Override
    public Optional<IndexedRun> find(String runId) {
        return query("SELECT " + COLUMNS + " FROM runs WHERE run_id = ?", ps -> ps.setString(1, runId))
                .stream().findFirst();
    }

    @Override
    public int deleteStartedBefore(Instant cutoff) {
        return update("DELETE FROM runs WHERE started_at < ?", ps -> ps.setString(1, TIME.format(cutoff)));
    }

    @Override
    public void delete(String runId) {
        update("DELETE FROM runs WHERE run_id = ?", ps -> ps.setString(1, runId));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close artifact index: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        lock.lock();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("artifact index update failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private List<IndexedRun> query(String sql, Binder binder) {
        lock.lock();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            List<IndexedRun> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("artifact index query failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static IndexedRun row(ResultSet rs) throws SQLException {
        String finished = rs.getString("finished_at");
        String cost = rs.getString("cost_usd");
        return new IndexedRun(rs.getString("run_id"), rs.getString("ensemble"), rs.getString("status"),
                Instant.parse(rs.getString("started_at")), finished == null ? null : Instant.parse(finished),
                rs.getLong("duration_ms"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                cost == null ? null : new BigDecimal(cost), rs.getString("deliverable"), rs.getString("artifact_dir"));
    }
}
