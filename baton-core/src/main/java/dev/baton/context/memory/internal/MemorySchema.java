package dev.baton.context.memory.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of project memory, created idempotently in one transaction: facts per project
 * (keyed by the project root's absolute path) and file summaries keyed by content hash and
 * profile. Times are epoch milliseconds (UTC). Kept apart from the store's own schema so the
 * two can move to migrations independently.
 */
final class MemorySchema {

    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS memory_fact (
          project    TEXT NOT NULL,
          fact_key   TEXT NOT NULL,
          body       TEXT NOT NULL,
          source     TEXT NOT NULL,
          updated_ms INTEGER NOT NULL,
          PRIMARY KEY (project, fact_key)
        ) WITHOUT ROWID""",
        """
        CREATE TABLE IF NOT EXISTS memory_summary (
          content_hash TEXT NOT NULL,
          profile      TEXT NOT NULL,
          body         TEXT NOT NULL,
          created_ms   INTEGER NOT NULL,
          PRIMARY KEY (content_hash, profile)
        ) WITHOUT ROWID""",
    };

    private MemorySchema() {
    }

    static void create(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) s.execute(ddl);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
