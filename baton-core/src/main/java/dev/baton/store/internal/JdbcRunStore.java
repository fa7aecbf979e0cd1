package dev.baton.store.internal;

import dev.baton.runs.RunCursor;
import dev.baton.runs.RunPage;
import dev.baton.runs.RunQuery;
import dev.baton.runs.RunRecord;
import dev.baton.runs.RunStore;
import dev.baton.runs.StoredRun;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RunStore} on the {@code baton_runs} table (and {@code baton_run_events} for counts and
 * deletion), the same SQL on SQLite and PostgreSQL. A write is an upsert that only a newer
 * {@code version} of the run can win, so the owner's snapshots may be queued in any order.
 */
public final class JdbcRunStore implements RunStore {

    private static final String COLUMNS = "id, ensemble, status, key_id, batch_id, replica, input_summary, created_ms,"
            + " started_ms, finished_ms, heartbeat_ms, cancel_requested, summary, result, error, artifact_ensemble,"
            + " artifact_id, version";
    /** Every column but the whole result, for listings; {@code NULL AS result} keeps one row reader. */
    private static final String LIST_COLUMNS = COLUMNS.replace(" result,", " NULL AS result,");
    private static final String EVENTS = "(SELECT COALESCE(MAX(e.id), 0) FROM baton_run_events e WHERE e.run_id = baton_runs.id)"
            + " AS events";
    private static final String UPSERT = "INSERT INTO baton_runs (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?,?,?)"
            + " ON CONFLICT (id) DO UPDATE SET status = excluded.status, started_ms = excluded.started_ms,"
            + " finished_ms = excluded.finished_ms, heartbeat_ms = excluded.heartbeat_ms, summary = excluded.summary,"
            + " result = excluded.result, error = excluded.error, artifact_ensemble = excluded.artifact_ensemble,"
            + " artifact_id = excluded.artifact_id, version = excluded.version"
            + " WHERE baton_runs.version < excluded.version";
    private static final String HEARTBEAT = "UPDATE baton_runs SET heartbeat_ms = ? WHERE replica = ? AND status = 'running'";
    // the version stays: the owner, if it lives after all, writes its real outcome over this
    private static final String ABANDON = "UPDATE baton_runs SET status = '" + RunRecord.ABANDONED + "', finished_ms = ?,"
            + " error = 'replica ' || replica || ' stopped renewing its heartbeat (it stopped or died) before the run finished'"
            + " WHERE status = 'running' AND heartbeat_ms < ?";

    private final StoreDatabase database;

    public JdbcRunStore(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public void save(RunRecord run) {
        database.writer().submit(c -> upsert(c, run));
    }

    @Override
    public void saveNow(RunRecord run) {
        database.write(c -> {
            upsert(c, run);
            return null;
        });
    }

    private static void upsert(WriteContext c, RunRecord r) throws SQLException {
        PreparedStatement ps = c.prepare(UPSERT);
        ps.setString(1, r.id());
        ps.setString(2, r.ensemble());
        ps.setString(3, r.status());
        ps.setString(4, r.keyId());
        ps.setString(5, r.batchId());
        ps.setString(6, r.replica());
        ps.setString(7, r.input());
        ps.setLong(8, r.createdAt().toEpochMilli());
        setMillis(ps, 9, r.startedAt());
        setMillis(ps, 10, r.finishedAt());
        // a snapshot is as good as a heartbeat: its replica is alive
        ps.setLong(11, Math.max(r.createdAt().toEpochMilli(), System.currentTimeMillis()));
        ps.setString(12, r.summary());
        ps.setString(13, r.result());
        ps.setString(14, r.error());
        ps.setString(15, r.artifact() == null ? null : r.artifact().ensemble());
        ps.setString(16, r.artifact() == null ? null : r.artifact().execution());
        ps.setLong(17, r.version());
        ps.executeUpdate();
    }

    @Override
    public Optional<StoredRun> find(String id) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", " + EVENTS + " FROM baton_runs WHERE id = ?")) {
                ps.setString(1, id);
                List<StoredRun> rows = rows(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
            }
        });
    }

    @Override
    public RunPage list(RunQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(LIST_COLUMNS).append(", ").append(EVENTS)
                .append(" FROM baton_runs WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.caller() != null) {
            sql.append(" AND (key_id = ? OR key_id IS NULL)");
            args.add(q.caller());
        }
        if (q.ensemble() != null) {
            sql.append(" AND ensemble = ?");
            args.add(q.ensemble());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.before() != null) {
            long ms = q.before().createdAt().toEpochMilli();
            sql.append(" AND (created_ms < ? OR (created_ms = ? AND id < ?))");
            args.add(ms);
            args.add(ms);
            args.add(q.before().id());
        }
        sql.append(" ORDER BY created_ms DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1);
        List<StoredRun> rows = database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                return rows(ps);
            }
        });
        if (rows.size() <= q.limit()) return new RunPage(rows, null);
        List<StoredRun> page = List.copyOf(rows.subList(0, q.limit()));
        RunRecord last = page.getLast().record();
        return new RunPage(page, new RunCursor(last.createdAt(), last.id()));
    }

    @Override
    public boolean requestCancel(String id) {
        return database.write(c -> {
            PreparedStatement ps = c.prepare("UPDATE baton_runs SET cancel_requested = 1 WHERE id = ? AND status = 'running'");
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        });
    }

    @Override
    public Set<String> cancelRequested(String replica) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM baton_runs WHERE status = 'running' AND replica = ? AND cancel_requested = 1")) {
                ps.setString(1, replica);
                Set<String> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    @Override
    public void heartbeat(String replica, Instant at) {
        database.writer().submit(c -> {
            PreparedStatement ps = c.prepare(HEARTBEAT);
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, replica);
            ps.executeUpdate();
        });
    }

    @Override
    public int abandonExpired(Instant heartbeatBefore, Instant now) {
        return database.write(c -> {
            PreparedStatement ps = c.prepare(ABANDON);
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, heartbeatBefore.toEpochMilli());
            return ps.executeUpdate();
        });
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return database.write(c -> {
            PreparedStatement events = c.prepare("DELETE FROM baton_run_events WHERE run_id IN"
                    + " (SELECT id FROM baton_runs WHERE finished_ms IS NOT NULL AND finished_ms < ?)");
            events.setLong(1, cutoff.toEpochMilli());
            events.executeUpdate();
            PreparedStatement runs = c.prepare("DELETE FROM baton_runs WHERE finished_ms IS NOT NULL AND finished_ms < ?");
            runs.setLong(1, cutoff.toEpochMilli());
            return runs.executeUpdate();
        });
    }

    private static List<StoredRun> rows(PreparedStatement ps) throws SQLException {
        List<StoredRun> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(row(rs));
        }
        return out;
    }

    private static StoredRun row(ResultSet rs) throws SQLException {
        String artifactEnsemble = rs.getString("artifact_ensemble");
        String artifactId = rs.getString("artifact_id");
        RunRecord r = new RunRecord(rs.getString("id"), rs.getString("ensemble"), rs.getString("status"),
                rs.getString("key_id"), rs.getString("batch_id"), rs.getString("replica"), rs.getString("input_summary"),
                Instant.ofEpochMilli(rs.getLong("created_ms")), millis(rs, "started_ms"), millis(rs, "finished_ms"),
                rs.getString("summary"), rs.getString("result"), rs.getString("error"),
                artifactEnsemble == null || artifactId == null ? null : new RunRecord.Artifact(artifactEnsemble, artifactId),
                rs.getLong("version"));
        return new StoredRun(r, rs.getLong("events"), rs.getInt("cancel_requested") != 0);
    }

    private static Instant millis(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setMillis(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) ps.setNull(index, Types.BIGINT);
        else ps.setLong(index, at.toEpochMilli());
    }
}
