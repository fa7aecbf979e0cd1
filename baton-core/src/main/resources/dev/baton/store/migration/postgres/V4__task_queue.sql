-- The durable task queue (dev.baton.task). scheduled_tasks is db-scheduler's table (its
-- executions: claims, heartbeats, priority), in the layout that engine expects; the baton_task*
-- tables are Baton's own: what a task runs, every state change (kept after the engine deletes a
-- finished execution) and the per-agent checkpoints a resumed run reuses. Times are epoch ms.
CREATE TABLE IF NOT EXISTS scheduled_tasks (
  task_name            VARCHAR(100) NOT NULL,
  task_instance        VARCHAR(100) NOT NULL,
  task_data            BYTEA,
  execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
  picked               BOOLEAN NOT NULL,
  picked_by            VARCHAR(50),
  last_success         TIMESTAMP WITH TIME ZONE,
  last_failure         TIMESTAMP WITH TIME ZONE,
  consecutive_failures INT,
  last_heartbeat       TIMESTAMP WITH TIME ZONE,
  version              BIGINT NOT NULL,
  priority             SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

CREATE TABLE IF NOT EXISTS baton_tasks (
  id               VARCHAR(64) PRIMARY KEY,
  kind             VARCHAR(20) NOT NULL,
  target           TEXT,
  input            TEXT,
  priority         INT NOT NULL,
  run_at           BIGINT,
  cron             TEXT,
  max_attempts     INT NOT NULL,
  state            VARCHAR(20) NOT NULL,
  attempts         INT NOT NULL,
  retry_base       INT NOT NULL,
  next_run_at      BIGINT,
  cancel_requested INT NOT NULL,
  run_id           TEXT,
  result           TEXT,
  error            TEXT,
  replica          TEXT,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS baton_tasks_created_idx ON baton_tasks (created_at);

CREATE TABLE IF NOT EXISTS baton_task_history (
  seq     BIGSERIAL PRIMARY KEY,
  task_id VARCHAR(64) NOT NULL,
  at      BIGINT NOT NULL,
  state   VARCHAR(20) NOT NULL,
  attempt INT NOT NULL,
  replica TEXT,
  detail  TEXT
);
CREATE INDEX IF NOT EXISTS baton_task_history_task_idx ON baton_task_history (task_id, seq);

CREATE TABLE IF NOT EXISTS baton_task_checkpoints (
  task_id VARCHAR(64) NOT NULL,
  agent   VARCHAR(200) NOT NULL,
  status  VARCHAR(20) NOT NULL,
  result  TEXT,
  replica TEXT,
  at      BIGINT NOT NULL,
  PRIMARY KEY (task_id, agent)
);
