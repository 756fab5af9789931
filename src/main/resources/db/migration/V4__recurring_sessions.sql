-- Recurring series: the rule is kept, and its occurrences are ordinary training sessions that point back to it.
CREATE TABLE recurring_sessions (
    id                  BIGSERIAL PRIMARY KEY,
    organization_id     BIGINT       NOT NULL REFERENCES organizations (id),
    trainer_id          BIGINT       NOT NULL REFERENCES trainers (id),
    client_id           BIGINT       NOT NULL REFERENCES clients (id),
    start_date          DATE         NOT NULL,
    end_date            DATE,
    occurrences         INT CHECK (occurrences IS NULL OR occurrences BETWEEN 1 AND 366),
    start_time          TIME         NOT NULL,
    time_zone           VARCHAR(64)  NOT NULL,
    duration_minutes    INT          NOT NULL CHECK (duration_minutes BETWEEN 1 AND 720),
    recurrence_pattern  VARCHAR(16)  NOT NULL CHECK (recurrence_pattern IN ('daily', 'weekly', 'biweekly', 'monthly')),
    interval_weeks      INT          NOT NULL DEFAULT 1 CHECK (interval_weeks BETWEEN 1 AND 12),
    recurrence_days     VARCHAR(20),
    session_type        VARCHAR(100),
    location            VARCHAR(500),
    notes               TEXT,
    active              BOOLEAN      NOT NULL DEFAULT TRUE,
    created_by          BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX recurring_sessions_org_idx ON recurring_sessions (organization_id, trainer_id, client_id);

ALTER TABLE training_sessions
    ADD CONSTRAINT training_sessions_recurring_fk FOREIGN KEY (recurring_session_id) REFERENCES recurring_sessions (id);
CREATE INDEX training_sessions_recurring_idx ON training_sessions (recurring_session_id, starts_at)
    WHERE recurring_session_id IS NOT NULL;
