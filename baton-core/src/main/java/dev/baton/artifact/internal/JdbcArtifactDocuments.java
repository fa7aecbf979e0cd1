package dev.baton.artifact.internal;

import dev.baton.artifact.IndexedRun;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The artifact documents of one project's runs in the store's table {@code artifact_run}
 * (migration V8, SQLite and PostgreSQL alike): each run's {@code execution.json},
 * {@code execution.md} and index fields in one row, written in one transaction, so a process
 * killed mid-write leaves the whole run or nothing. Every row carries {@code project}: two
 * projects on one database never see each other's runs. Thread-safe (a pooled connection per call).
 */
public final class JdbcArtifactDocuments {

    /** One stored run: where it sits (ensemble folder name and execution id) and its documents. */
    public record Document(String ensembleDir, String execution, IndexedRun entry, String json, String markdown) {
    }

    /** A run's place and start, for selecting runs to clean up without reading their documents. */
    public record Slot(String ensembleDir, String execution, Instant startedAt) {
    }

    private static final String INDEX_COLUMNS = "run_id, ensemble, ensemble_dir, execution, status, started_ms, finished_ms,"
            + " duration_ms, input_tokens, output_tokens, cost_usd, deliverable";
    /** Same-millisecond runs of one ensemble on several replicas take the next suffix; more is a fault. */
    private static final int MAX_SUFFIX = 1000;

    private final DataSource dataSource;
    private final java.nio.file.Path root;
    private final String project;
    private final String replica;

    /**
     * @param root    the local artifacts folder, that entries name as their folder (a copy may be there)
     * @param project the project's key (its root folder's absolute path)
     * @param replica who writes, recorded with each run (host name and process id)
     */
    public JdbcArtifactDocuments(DataSource dataSource, java.nio.file.Path root, String project, String replica) {
        this.dataSource = dataSource;
        this.root = root;
        this.project = project;
        this.replica = replica;
    }

    /**
     * Stores a run under {@code ensembleDir}/{@code execution}, or the next free {@code -N} suffix
     * when another run (another replica's, the same millisecond) holds that id; returns the id
     * used. Replaces a row of the same run id (a run recorded again keeps one row).
     */
    public String record(IndexedRun entry, String ensembleDir, String execution, byte[] json, String markdown) {
        String sql = "INSERT INTO artifact_run (project, " + INDEX_COLUMNS + ", replica, execution_json, execution_md)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM artifact_run WHERE project = ? AND run_id = ?")) {
                    del.setString(1, project);
                    del.setString(2, entry.runId());
                    del.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int n = 0; n < MAX_SUFFIX; n++) {
                        String id = n == 0 ? execution : execution + "-" + n;
                        bind(ps, entry, ensembleDir, id, new String(json, StandardCharsets.UTF_8), markdown);
                        if (ps.executeUpdate() == 1) {
                            c.commit();
                            return id;
                        }
                    }
                }
                throw new SQLException("no free id for run " + entry.runId() + " after " + MAX_SUFFIX + " tries");
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the artifacts of run " + entry.runId() + ": " + e.getMessage(), e);
        }
    }

    private void bind(PreparedStatement ps, IndexedRun r, String ensembleDir, String execution, String json, String md)
            throws SQLException {
        ps.setString(1, project);
        ps.setString(2, r.runId());
        ps.setString(3, r.ensemble());
        ps.setString(4, ensembleDir);
        ps.setString(5, execution);
        ps.setString(6, r.status());
        ps.setLong(7, r.startedAt().toEpochMilli());
        if (r.finishedAt() == null) ps.setNull(8, Types.BIGINT);
        else ps.setLong(8, r.finishedAt().toEpochMilli());
        ps.setLong(9, r.durationMs());
        ps.setLong(10, r.inputTokens());
        ps.setLong(11, r.outputTokens());
        ps.setString(12, r.costUsd() == null ? null : r.costUsd().toPlainString());
        ps.setString(13, r.deliverable());
        ps.setString(14, replica);
        ps.setString(15, json);
        ps.setString(16, md);
    }

    /** Runs of the ensemble folder {@code ensembleDir} (every ensemble when null), newest first, at most {@code limit}, with their documents. */
    public List<Document> list(@Nullable String ensembleDir, int limit) {
        String sql = "SELECT " + INDEX_COLUMNS + ", execution_json, execution_md FROM artifact_run WHERE project = ?"
                + (ensembleDir == null ? "" : " AND ensemble_dir = ?") + " ORDER BY started_ms DESC, execution DESC LIMIT ?";
        return query(sql, ps -> {
            int i = bindProject(ps);
            if (ensembleDir != null) ps.setString(i++, ensembleDir);
            ps.setInt(i, limit);
        }, this::document);
    }

    /** The run {@code execution} of {@code ensembleDir}; null means the newest. */
    public Optional<Document> find(String ensembleDir, @Nullable String execution) {
        if (execution == null) return list(ensembleDir, 1).stream().findFirst();
        return query("SELECT " + INDEX_COLUMNS + ", execution_json, execution_md FROM artifact_run"
                        + " WHERE project = ? AND ensemble_dir = ? AND execution = ?", ps -> {
                    int i = bindProject(ps);
                    ps.setString(i++, ensembleDir);
                    ps.setString(i, execution);
                }, this::document).stream().findFirst();
    }

    /** Index entries of the ensemble named {@code ensemble} (every ensemble when null), newest first. */
    public List<IndexedRun> indexed(@Nullable String ensemble, int limit) {
        String sql = "SELECT " + INDEX_COLUMNS + " FROM artifact_run WHERE project = ?"
                + (ensemble == null ? "" : " AND ensemble = ?") + " ORDER BY started_ms DESC, execution DESC LIMIT ?";
        return query(sql, ps -> {
            int i = bindProject(ps);
            if (ensemble != null) ps.setString(i++, ensemble);
            ps.setInt(i, limit);
        }, this::entry);
    }

    /** Where every run of {@code ensembleDir} (every ensemble when null) sits, newest first per ensemble. */
    public List<Slot> slots(@Nullable String ensembleDir) {
        String sql = "SELECT ensemble_dir, execution, started_ms FROM artifact_run WHERE project = ?"
                + (ensembleDir == null ? "" : " AND ensemble_dir = ?") + " ORDER BY ensemble_dir, started_ms DESC, execution DESC";
        return query(sql, ps -> {
            int i = bindProject(ps);
            if (ensembleDir != null) ps.setString(i, ensembleDir);
        }, rs -> new Slot(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
    }

    /** Deletes one run; false when there was none. */
    public boolean delete(String ensembleDir, String execution) {
        return update("DELETE FROM artifact_run WHERE project = ? AND ensemble_dir = ? AND execution = ?", ps -> {
            int i = bindProject(ps);
            ps.setString(i++, ensembleDir);
            ps.setString(i, execution);
        }) > 0;
    }

    /** Deletes the runs started before {@code cutoff}; returns how many. */
    public int deleteStartedBefore(Instant cutoff) {
        return update("DELETE FROM artifact_run WHERE project = ? AND started_ms < ?", ps -> {
            int i = bindProject(ps);
            ps.setLong(i, cutoff.toEpochMilli());
        });
    }

    private int bindProject(PreparedStatement ps) throws SQLException {
        ps.setString(1, project);
        return 2;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("artifact store update failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(reader.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("artifact store query failed: " + e.getMessage(), e);
        }
    }

    private Document document(ResultSet rs) throws SQLException {
        return new Document(rs.getString("ensemble_dir"), rs.getString("execution"), entry(rs),
                rs.getString("execution_json"), rs.getString("execution_md"));
    }

    private IndexedRun entry(ResultSet rs) throws SQLException {
        long finished = rs.getLong("finished_ms");
        Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
        String cost = rs.getString("cost_usd");
        return new IndexedRun(rs.getString("run_id"), rs.getString("ensemble"), rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("started_ms")), finishedAt, rs.getLong("duration_ms"),
                rs.getLong("input_tokens"), rs.getLong("output_tokens"), cost == null ? null : new BigDecimal(cost),
                rs.getString("deliverable"), root.resolve(rs.getString("ensemble_dir")).resolve(rs.getString("execution")).toString());
    }
}
