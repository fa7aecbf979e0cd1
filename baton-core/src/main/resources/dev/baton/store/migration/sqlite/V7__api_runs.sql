-- Runs started over the REST API, their SSE event logs and Idempotency-Keys, shared by every
-- replica on the store (dev.baton.runs). Times are epoch milliseconds (UTC).
-- baton_runs: one row per run; the replica running it renews heartbeat_ms while it runs, and a
-- run whose heartbeat is older than the lease is marked abandoned by any replica. version orders
-- the owner's writes: an older snapshot never overwrites a newer one.
CREATE TABLE IF NOT EXISTS baton_runs (
  id                TEXT PRIMARY KEY,
  ensemble          TEXT NOT NULL,
  status            TEXT NOT NULL,
  key_id            TEXT,
  batch_id          TEXT,
  replica           TEXT NOT NULL,
  input_summary     TEXT,
  created_ms        INTEGER NOT NULL,
  started_ms        INTEGER,
  finished_ms       INTEGER,
  heartbeat_ms      INTEGER NOT NULL,
  cancel_requested  INTEGER NOT NULL DEFAULT 0,
  summary           TEXT,
  result            TEXT,
  error             TEXT,
  artifact_ensemble TEXT,
  artifact_id       TEXT,
  version           INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS baton_runs_created_idx ON baton_runs (created_ms, id);
CREATE INDEX IF NOT EXISTS baton_runs_status_idx ON baton_runs (status, replica);
CREATE INDEX IF NOT EXISTS baton_runs_finished_idx ON baton_runs (finished_ms);

-- every event of a run, numbered 1, 2, 3, ... per run (the SSE id)
CREATE TABLE IF NOT EXISTS baton_run_events (
  run_id TEXT NOT NULL,
  id     INTEGER NOT NULL,
  type   TEXT NOT NULL,
  data   TEXT NOT NULL,
  at_ms  INTEGER NOT NULL,
  PRIMARY KEY (run_id, id)
) WITHOUT ROWID;

-- one row per caller ('' when anonymous) and key: the unique key is what lets only one of two
-- racing replicas run the request; state is pending until its response is stored
CREATE TABLE IF NOT EXISTS baton_idempotency (
  caller      TEXT NOT NULL,
  idem_key    TEXT NOT NULL,
  route       TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  state       TEXT NOT NULL,
  status      INTEGER,
  response    TEXT,
  location    TEXT,
  replica     TEXT NOT NULL,
  created_ms  INTEGER NOT NULL,
  PRIMARY KEY (caller, idem_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS baton_idempotency_created_idx ON baton_idempotency (created_ms);
