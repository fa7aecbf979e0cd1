-- Stored chat sessions of `baton chat`: one row per session, and each profile's history in a
-- session as messages (JSON) in seq order.
CREATE TABLE IF NOT EXISTS chat_sessions (
  id          TEXT PRIMARY KEY,
  created_ms  BIGINT NOT NULL,
  updated_ms  BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS chat_messages (
  session_id  TEXT NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
  profile     TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  created_ms  BIGINT NOT NULL,
  message     TEXT NOT NULL,
  PRIMARY KEY (session_id, profile, seq)
);
CREATE INDEX IF NOT EXISTS chat_sessions_updated ON chat_sessions (updated_ms);
