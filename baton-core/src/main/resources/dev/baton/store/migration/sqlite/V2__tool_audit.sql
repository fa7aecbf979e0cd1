-- The tool audit log.
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
);
CREATE INDEX IF NOT EXISTS tool_audit_started ON tool_audit(started_ms);
CREATE INDEX IF NOT EXISTS tool_audit_run ON tool_audit(run_id);
