-- Training sessions (issue 3, first slice). Overlaps are refused by the database itself, so two concurrent
-- bookings of one slot cannot both succeed: exclusion constraints over the session's time range, per trainer and
-- per client, for sessions that are live (not cancelled, not deleted) and not explicitly allowed to overlap.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gist') THEN
        CREATE EXTENSION btree_gist WITH SCHEMA public;
    END IF;
END $$;

CREATE TABLE training_sessions (
    id                    BIGSERIAL PRIMARY KEY,
    organization_id       BIGINT       NOT NULL REFERENCES organizations (id),
    trainer_id            BIGINT       NOT NULL REFERENCES trainers (id),
    client_id             BIGINT       NOT NULL REFERENCES clients (id),
    starts_at             TIMESTAMPTZ  NOT NULL,
    ends_at               TIMESTAMPTZ  NOT NULL,
    session_type          VARCHAR(100),
    location              VARCHAR(500),
    notes                 TEXT,
    status                VARCHAR(16)  NOT NULL DEFAULT 'scheduled'
                          CHECK (status IN ('scheduled', 'requested', 'completed', 'cancelled', 'no-show')),
    recurring_session_id  BIGINT,
    allow_overlap         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_by            BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at            TIMESTAMPTZ,
    CHECK (ends_at > starts_at),
    CHECK (ends_at - starts_at <= INTERVAL '12 hours'),
    CONSTRAINT training_sessions_trainer_overlap EXCLUDE USING gist (
        trainer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
        WHERE (status <> 'cancelled' AND deleted_at IS NULL AND NOT allow_overlap),
    CONSTRAINT training_sessions_client_overlap EXCLUDE USING gist (
        client_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
        WHERE (status <> 'cancelled' AND deleted_at IS NULL AND NOT allow_overlap)
);
CREATE INDEX training_sessions_org_start_idx ON training_sessions (organization_id, starts_at) WHERE deleted_at IS NULL;
CREATE INDEX training_sessions_trainer_start_idx ON training_sessions (trainer_id, starts_at) WHERE deleted_at IS NULL;
CREATE INDEX training_sessions_client_start_idx ON training_sessions (client_id, starts_at) WHERE deleted_at IS NULL;
