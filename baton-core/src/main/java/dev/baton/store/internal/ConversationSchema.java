package dev.baton.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of stored conversations, created idempotently when a conversation store opens:
 * {@code chat_sessions} (one row per session) and {@code chat_messages} (one row per message of
 * a profile's history in a session, in {@code seq} order, the message as JSON). Kept apart from
 * {@link StoreSchema} so the conversation tables can move into a migration of their own.
 */
final class ConversationSchema {

    static final List<String> DDL = List.of(
            """
            CREATE TABLE IF NOT EXISTS chat_sessions (
                id          TEXT PRIMARY KEY,
                created_ms  INTEGER NOT NULL,
                updated_ms  INTEGER NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS chat_messages (
                session_id  TEXT NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
                profile     TEXT NOT NULL,
                seq         INTEGER NOT NULL,
                created_ms  INTEGER NOT NULL,
                message     TEXT NOT NULL,
                PRIMARY KEY (session_id, profile, seq)
            )""",
            "CREATE INDEX IF NOT EXISTS chat_sessions_updated ON chat_sessions (updated_ms)");

    private ConversationSchema() {
    }

    /** Creates what is missing; harmless when everything is there. */
    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) s.execute(ddl);
        }
    }
}
