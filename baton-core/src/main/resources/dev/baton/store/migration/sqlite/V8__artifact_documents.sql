-- Artifact documents of a team's runs: each run's execution.json and execution.md with its index
-- fields, so every replica lists and serves every run. `project` keys the project (its root
-- folder's absolute path) so two projects on one database never mix; `ensemble_dir` is the
-- ensemble's folder name and `execution` the run's id within it (yyyyMMdd-HHmmss-SSS[-n]),
-- unique per project and ensemble. Times are epoch milliseconds (UTC).
CREATE TABLE IF NOT EXISTS artifact_run (
  project        TEXT NOT NULL,
  run_id         TEXT NOT NULL,
  ensemble       TEXT NOT NULL,
  ensemble_dir   TEXT NOT NULL,
  execution      TEXT NOT NULL,
  status         TEXT NOT NULL,
  started_ms     BIGINT NOT NULL,
  finished_ms    BIGINT,
  duration_ms    BIGINT NOT NULL DEFAULT 0,
  input_tokens   BIGINT NOT NULL DEFAULT 0,
  output_tokens  BIGINT NOT NULL DEFAULT 0,
  cost_usd       TEXT,
  deliverable    TEXT,
  replica        TEXT NOT NULL,
  execution_json TEXT NOT NULL,
  execution_md   TEXT NOT NULL,
  PRIMARY KEY (project, run_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS artifact_run_execution ON artifact_run (project, ensemble_dir, execution);
CREATE INDEX IF NOT EXISTS artifact_run_started ON artifact_run (project, started_ms);
