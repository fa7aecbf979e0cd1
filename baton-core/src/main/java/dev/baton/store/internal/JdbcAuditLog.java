package dev.baton.store.internal;

import dev.baton.tool.AuditLog;
import dev.baton.tool.ToolCallRecord;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool audit log in a SQLite or PostgreSQL database ({@code tool_audit}). {@link #record} queues the row for
 * the database's batch writer, so a tool call never waits for the disk; {@link #list} flushes,
 * then reads. Tool filters are names or globs ({@code *}, {@code ?}), matched with SQLite's
 * {@code GLOB} (PostgreSQL: the same pattern as {@code LIKE}). Thread-safe.
 */
public final class JdbcAuditLog implements AuditLog {

    private static final String INSERT = """
            INSERT INTO tool_audit (run_id, agent, tool, arguments, decision, decided_by, started_ms, ended_ms,
              outcome, output_bytes, truncated)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final StoreDatabase database;
    private final boolean ownsDatabase;

    /** An audit log in {@code database}; closing the log leaves the database open. */
    public JdbcAuditLog(StoreDatabase database) {
        this(database, false);
    }

    private JdbcAuditLog(StoreDatabase database, boolean ownsDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    /** Opens the database at {@code path} for this log alone; closing the log closes it. */
    public static JdbcAuditLog open(java.nio.file.Path path) {
        return new JdbcAuditLog(SqliteDatabase.open(path), true);
    }

    /** An audit log that closes {@code database} when it is closed. */
    public static JdbcAuditLog owning(StoreDatabase database) {
        return new JdbcAuditLog(database, true);
    }

    @Override
    public void record(Entry e) {
        database.writer().submit(context -> {
            PreparedStatement ps = context.prepare(INSERT);
            ps.setString(1, e.runId());
            ps.setString(2, e.agent());
            ps.setString(3, e.tool());
            ps.setString(4, e.arguments());
            ps.setString(5, e.decision());
            ps.setString(6, e.decidedBy());
            ps.setLong(7, e.started().toEpochMilli());
            ps.setLong(8, e.ended().toEpochMilli());
            ps.setString(9, e.outcome().name());
            ps.setLong(10, e.outputBytes());
            ps.setInt(11, e.truncated() ? 1 : 0);
            ps.executeUpdate();
        });
    }

    @Override
    public List<Entry> list(Filter filter) {
        database.flush();
        StringBuilder sql = new StringBuilder("SELECT run_id, agent, tool, arguments, decision, decided_by, started_ms,"
                + " ended_ms, outcome, output_bytes, truncated FROM tool_audit WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.runId() != null) {
            sql.append(" AND run_id = ?");
            params.add(filter.runId());
        }
        if (filter.tool() != null) {
            sql.append(" AND ").append(database.dialect().globCondition("tool"));
            params.add(database.dialect().globParameter(filter.tool()));
        }
        if (filter.since() != null) {
            sql.append(" AND started_ms >= ?");
            params.add(filter.since().toEpochMilli());
        }
        sql.append(" ORDER BY started_ms DESC, id DESC LIMIT ?");
        params.add(filter.limit());
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Entry> out = new ArrayList<>();
                    while (rs.next()) out.add(entry(rs));
                    return out;
                }
            }
        });
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
                outcome(rs.getString(9)), rs.getLong(10), rs.getInt(11) != 0);
    }

    /** A row from a newer Baton may name an outcome this one does not know: shown as an error, not a crash. */
    private static ToolCallRecord.Outcome outcome(String name) {
        try {
            return ToolCallRecord.Outcome.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ToolCallRecord.Outcome.ERROR;
        }
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
