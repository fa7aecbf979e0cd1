-- API keys of `baton serve`: secrets are never stored, only their SHA-256.
CREATE TABLE IF NOT EXISTS api_keys (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  secret_sha256   TEXT NOT NULL UNIQUE,
  created_ms      BIGINT NOT NULL,
  revoked_ms      BIGINT,
  budget_nano_usd BIGINT,
  period          TEXT,
  rpm             BIGINT,
  tpm             BIGINT,
  profiles        TEXT NOT NULL
);
-- a name is unique among live keys only: a revoked key's name may be given again
CREATE UNIQUE INDEX IF NOT EXISTS api_keys_live_name ON api_keys(name) WHERE revoked_ms IS NULL;
