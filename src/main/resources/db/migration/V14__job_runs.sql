-- When each scheduled job last ran, succeeded and is next due, across every replica: /api/health reads it to say
-- "degraded" when a job is late (no replica ran it) or keeps failing. One row per job, updated by the replica that
-- ran it; a handful of rows, so no index beyond the key.
CREATE TABLE job_runs (
    job                  VARCHAR(100) PRIMARY KEY,
    last_started_at      TIMESTAMPTZ NOT NULL,
    last_finished_at     TIMESTAMPTZ NOT NULL,
    last_succeeded_at    TIMESTAMPTZ,
    next_due_at          TIMESTAMPTZ,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           VARCHAR(1000),
    last_run_id          VARCHAR(64)
);
