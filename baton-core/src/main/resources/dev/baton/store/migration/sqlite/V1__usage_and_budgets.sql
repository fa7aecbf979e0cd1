-- The usage ledger and the budget counters with their leases. Money in integer nano-dollars,
-- times in epoch milliseconds (UTC), durations in microseconds.
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
);
CREATE INDEX IF NOT EXISTS usage_ledger_ts ON usage_ledger(ts_ms);

CREATE TABLE IF NOT EXISTS budget_spend (
  scope      TEXT NOT NULL,
  scope_key  TEXT NOT NULL,
  bucket     TEXT NOT NULL,
  nano_usd   INTEGER NOT NULL,
  tokens     INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (scope, scope_key, bucket)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS budget_lease (
  scope      TEXT NOT NULL,
  scope_key  TEXT NOT NULL,
  bucket     TEXT NOT NULL,
  owner      TEXT NOT NULL,
  nano_usd   INTEGER NOT NULL,
  tokens     INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  PRIMARY KEY (scope, scope_key, bucket, owner)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS budget_lease_owner ON budget_lease(owner);
