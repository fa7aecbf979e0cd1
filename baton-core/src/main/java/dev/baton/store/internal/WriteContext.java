package dev.baton.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The writer connection with its prepared statements, cached by SQL text. Writer thread only. */
final class WriteContext implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Statements with rows added by {@link #batched}, executed once before the commit. */
    private final java.util.LinkedHashSet<PreparedStatement> pendingBatches = new java.util.LinkedHashSet<>();

    /** Notifications to send with the commit ({@link #notifyOnCommit}), in order, without repeats. */
    private final java.util.LinkedHashSet<Map.Entry<String, String>> pendingNotifies = new java.util.LinkedHashSet<>();

    WriteContext(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /**
     * {@code sql} prepared, for rows that are added with {@code addBatch()} and sent together just
     * before the transaction commits (one round trip for a whole batch of ledger rows on
     * PostgreSQL). For inserts nothing in the same transaction reads back.
     */
    PreparedStatement batched(String sql) throws SQLException {
        PreparedStatement ps = prepare(sql);
        pendingBatches.add(ps);
        return ps;
    }

    /**
     * Has PostgreSQL send {@code NOTIFY channel, payload} when this transaction commits: once per
     * distinct pair however many ops ask, and never for a batch that rolls back.
     */
    void notifyOnCommit(String channel, String payload) {
        pendingNotifies.add(java.util.Map.entry(channel, payload));
    }

    /** Sends the rows added by {@link #batched} and queues the notifications; before the commit. */
    void executeBatches() throws SQLException {
        for (PreparedStatement ps : pendingBatches) ps.executeBatch();
        pendingBatches.clear();
        if (pendingNotifies.isEmpty()) return;
        PreparedStatement notify = prepare("SELECT pg_notify(?, ?)");
        for (Map.Entry<String, String> n : pendingNotifies) {
            notify.setString(1, n.getKey());
            notify.setString(2, n.getValue());
            notify.executeQuery().close();
        }
        pendingNotifies.clear();
    }

    /** Drops the rows added by {@link #batched} (the transaction rolled back; a replay adds them again). */
    void clearBatches() {
        for (PreparedStatement ps : pendingBatches) {
            try {
                ps.clearBatch();
            } catch (SQLException ignored) {
                // the statement is reused only after a successful clear or re-prepare
            }
        }
        pendingBatches.clear();
        pendingNotifies.clear();
    }

    /** Closes the prepared statements, quietly (their connection may be gone), keeping the connection. */
    void closeStatements() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // a statement of a broken connection: nothing to release on the server
            }
        }
        statements.clear();
        pendingBatches.clear();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) ps.close();
        statements.clear();
        connection.close();
    }
}
