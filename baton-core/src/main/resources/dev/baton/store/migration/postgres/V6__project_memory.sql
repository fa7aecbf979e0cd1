-- Project memory: facts per project (keyed by the project root's absolute path) and file
-- summaries keyed by content hash and profile. Times are epoch milliseconds (UTC).
CREATE TABLE IF NOT EXISTS memory_fact (
  project    TEXT NOT NULL,
  fact_key   TEXT NOT NULL,
  body       TEXT NOT NULL,
  source     TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  PRIMARY KEY (project, fact_key)
);
CREATE TABLE IF NOT EXISTS memory_summary (
  content_hash TEXT NOT NULL,
  profile      TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_ms   BIGINT NOT NULL,
  PRIMARY KEY (content_hash, profile)
);
