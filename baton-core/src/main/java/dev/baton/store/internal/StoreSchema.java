package dev.baton.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of the usage ledger, budget counters, tool audit log and API keys. Created idempotently in one transaction,
 * so processes opening a new file at the same time agree. Money is stored in integer nano-dollars
 * (exact sums), times in epoch milliseconds (UTC), durations in microseconds.
 */
final class StoreSchema {

    static final int VERSION = 3;

    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS usage_ledger (
          id               INTEGER PRIMARY KEY,
          ts_ms            INTEGER NOT NULL,
          run_id           TEXT,
          agent            TEXT,
          session          TEXT,
          task_type        TEXT,
          profile          TEXT,
          provider         TEXT,
          model            TEXT,
          input_tokens     INTEGER NOT NULL,
          cached_tokens    INTEGER NOT NULL,
          output_tokens    INTEGER NOT NULL,
          reasoning_tokens INTEGER NOT NULL,
          cost_nano_usd    INTEGER,
          latency_us       INTEGER NOT NULL,
          ttft_us          INTEGER,
          outcome          TEXT NOT NULL,
          fallback_path    TEXT,
          estimated        INTEGER NOT NULL,
          streamed         INTEGER NOT NULL,
          api_key          TEXT
        )""",
        "CREATE INDEX IF NOT EXISTS usage_ledger_ts ON usage_ledger(ts_ms)",
        """
        CREATE TABLE IF NOT EXISTS budget_spend (
          scope      TEXT NOT NULL,
          scope_key  TEXT NOT NULL,
          bucket     TEXT NOT NULL,
          nano_usd   INTEGER NOT NULL,
          tokens     INTEGER NOT NULL,
          updated_ms INTEGER NOT NULL,
          PRIMARY KEY (scope, scope_key, bucket)
        ) WITHOUT ROWID""",
        """
        CREATE TABLE IF NOT EXISTS budget_lease (
          scope      TEXT NOT NULL,
          scope_key  TEXT NOT NULL,
          bucket     TEXT NOT NULL,
          owner      TEXT NOT NULL,
          nano_usd   INTEGER NOT NULL,
          tokens     INTEGER NOT NULL,
          expires_ms INTEGER NOT NULL,
          PRIMARY KEY (scope, scope_key, bucket, owner)
        ) WITHOUT ROWID""",
        "CREATE INDEX IF NOT EXISTS budget_lease_owner ON budget_lease(owner)",
        // version 2: the tool audit log (added by CREATE IF NOT EXISTS, so a version-1 file gains it on open)
        """
        CREATE TABLE IF NOT EXISTS tool_audit (
          id           INTEGER PRIMARY KEY,
          run_id       TEXT NOT NULL,
          agent        TEXT NOT NULL,
          tool         TEXT NOT NULL,
          arguments    TEXT NOT NULL,
          decision     TEXT NOT NULL,
          decided_by   TEXT NOT NULL,
          started_ms   INTEGER NOT NULL,
          ended_ms     INTEGER NOT NULL,
          outcome      TEXT NOT NULL,
          output_bytes INTEGER NOT NULL,
          truncated    INTEGER NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS tool_audit_started ON tool_audit(started_ms)",
        "CREATE INDEX IF NOT EXISTS tool_audit_run ON tool_audit(run_id)",
        // version 3: API keys of `baton serve` (secrets are never stored: only their SHA-256)
        """
        CREATE TABLE IF NOT EXISTS api_keys (
          id            TEXT PRIMARY KEY,
          name          TEXT NOT NULL,
          secret_sha256 TEXT NOT NULL UNIQUE,
          created_ms    INTEGER NOT NULL,
          revoked_ms    INTEGER,
          budget_nano_usd INTEGER,
          period        TEXT,
          rpm           INTEGER,
          tpm           INTEGER,
          profiles      TEXT NOT NULL
        ) WITHOUT ROWID""",
        // a name is unique among live keys only: a revoked key's name may be given again
        "CREATE UNIQUE INDEX IF NOT EXISTS api_keys_live_name ON api_keys(name) WHERE revoked_ms IS NULL",
    };

    /** Columns added to existing tables after their first version: table, column, type. */
    private static final String[][] ADDED_COLUMNS = {
        {"usage_ledger", "api_key", "TEXT"},
    };

    private StoreSchema() {
    }

    /**
     * Adds {@code column} to {@code table} when a file made by an older version lacks it (SQLite
     * has no ADD COLUMN IF NOT EXISTS). Inside the creating transaction, so two processes
     * opening the same old file do not both add it.
     */
    private static void addMissingColumn(Statement s, String table, String column, String type) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (column.equalsIgnoreCase(rs.getString("name"))) return;
            }
        }
        s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
    }

    /** Creates missing tables and columns on {@code writer} in one transaction. */
    static void create(Connection writer) throws SQLException {
        writer.setAutoCommit(false);
        try (Statement s = writer.createStatement()) {
            for (String ddl : DDL) s.execute(ddl);
            for (String[] column : ADDED_COLUMNS) addMissingColumn(s, column[0], column[1], column[2]);
            s.execute("PRAGMA user_version = " + VERSION);
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }
}
