package dev.baton.context.memory.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Project memory's tables ({@code memory_fact}, {@code memory_summary}: the store's migration 6) in
 * the store's database, SQLite or PostgreSQL. Memory writes are rare and small (a fact, a summary),
 * so each piece of work takes a connection of its own from the store's data source instead of
 * going through the ledger's batched writer. Thread-safe.
 */
final class MemoryDatabase implements AutoCloseable {

    /** Work done on the connection. */
    interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    private final DataSource source;

    private MemoryDatabase(DataSource source) {
        this.source = source;
    }

    static MemoryDatabase open(DataSource source) {
        return new MemoryDatabase(source);
    }

    <T> T run(SqlWork<T> work) {
        try (Connection c = source.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("memory query on the store failed: " + e.getMessage(), e);
        }
    }

    /** Nothing to release: connections are returned after each piece of work, and the store owns its pool. */
    @Override
    public void close() {
    }
}
