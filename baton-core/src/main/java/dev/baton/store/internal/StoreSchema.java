package dev.baton.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of the usage ledger, budget counters and tool audit log. Created idempotently in one transaction,
 * so processes opening a new file at the same time agree. Money is stored in integer nano-dollars
 * (exact sums), times in epoch milliseconds (UTC), durations in microseconds.
 */
final class StoreSchema {

    static final int VERSION = 2;

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
          streamed         INTEGER NOT NULL
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
        "PRAGMA user_version = " + VERSION
    };

    private StoreSchema() {
    }

    /** Creates missing tables on {@code writer} in one transaction. */
    static void create(Connection writer) throws SQLException {
        writer.setAutoCommit(false);
        try (Statement s = writer.createStatement()) {
            for (String ddl : DDL) s.execute(ddl);
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }
}
