-- Issue 3, second slice: the rules a calendar is checked against (working hours, time off, buffer, cancellation
-- window), the organization's settings, users' own time zones and calendar feed tokens.

ALTER TABLE users ADD COLUMN time_zone VARCHAR(64);

-- One row per organization once someone changes a default; absent means the defaults below.
CREATE TABLE scheduling_policies (
    organization_id            BIGINT       PRIMARY KEY REFERENCES organizations (id),
    buffer_minutes             INT          NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240),
    cancellation_window_hours  INT          NOT NULL DEFAULT 24 CHECK (cancellation_window_hours BETWEEN 0 AND 336),
    updated_at                 TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Weekly working hours in the organization's local time; rows without a trainer are the organization's default,
-- used for every trainer who has none of their own.
CREATE TABLE working_hours (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT    NOT NULL REFERENCES organizations (id),
    trainer_id       BIGINT    REFERENCES trainers (id) ON DELETE CASCADE,
    weekday          SMALLINT  NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_time       TIME      NOT NULL,
    end_time         TIME      NOT NULL,
    CHECK (end_time > start_time)
);
CREATE INDEX working_hours_owner_idx ON working_hours (organization_id, trainer_id, weekday);

CREATE TABLE trainer_time_off (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT       NOT NULL REFERENCES organizations (id),
    trainer_id       BIGINT       NOT NULL REFERENCES trainers (id) ON DELETE CASCADE,
    starts_at        TIMESTAMPTZ  NOT NULL,
    ends_at          TIMESTAMPTZ  NOT NULL,
    reason           VARCHAR(200),
    created_by       BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX trainer_time_off_trainer_idx ON trainer_time_off (trainer_id, ends_at, starts_at);

ALTER TABLE training_sessions
    ADD COLUMN late_cancellation BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN declined          BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN cancelled_at      TIMESTAMPTZ,
    ADD COLUMN cancelled_by      BIGINT REFERENCES users (id) ON DELETE SET NULL;

-- Moving a whole series shifts occurrences past one another inside one transaction (a daily series moved by a day);
-- deferrable constraints let that statement order pass while still refusing any overlap left at the end.
ALTER TABLE training_sessions DROP CONSTRAINT training_sessions_trainer_overlap;
ALTER TABLE training_sessions DROP CONSTRAINT training_sessions_client_overlap;
ALTER TABLE training_sessions ADD CONSTRAINT training_sessions_trainer_overlap EXCLUDE USING gist (
    trainer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (status <> 'cancelled' AND deleted_at IS NULL AND NOT allow_overlap) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE training_sessions ADD CONSTRAINT training_sessions_client_overlap EXCLUDE USING gist (
    client_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (status <> 'cancelled' AND deleted_at IS NULL AND NOT allow_overlap) DEFERRABLE INITIALLY IMMEDIATE;

-- The dashboard counts sessions per status over a period, per organization or per trainer.
CREATE INDEX training_sessions_org_status_start_idx ON training_sessions (organization_id, status, starts_at)
    WHERE deleted_at IS NULL;

-- A secret, revocable iCalendar subscription per user. The token is looked up by its SHA-256 and kept encrypted
-- (AES-GCM, ENCRYPTION_KEY) only so the settings page can show the URL again.
CREATE TABLE calendar_feeds (
    user_id           BIGINT       PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    organization_id   BIGINT       NOT NULL REFERENCES organizations (id),
    token_hash        VARCHAR(64)  NOT NULL UNIQUE,
    token_ciphertext  TEXT         NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_polled_at    TIMESTAMPTZ
);

-- The organization's business details and messaging credentials; credentials are stored encrypted.
CREATE TABLE organization_settings (
    organization_id                BIGINT        PRIMARY KEY REFERENCES organizations (id),
    business_name                  VARCHAR(200),
    owner_name                     VARCHAR(200),
    contact_email                  VARCHAR(254),
    contact_phone                  VARCHAR(50),
    address                        VARCHAR(500),
    website                        VARCHAR(500),
    logo_url                       VARCHAR(1000),
    sendgrid_api_key_ciphertext    TEXT,
    sendgrid_from_email            VARCHAR(254),
    sendgrid_from_name             VARCHAR(200),
    sendgrid_enabled               BOOLEAN       NOT NULL DEFAULT FALSE,
    twilio_account_sid_ciphertext  TEXT,
    twilio_auth_token_ciphertext   TEXT,
    twilio_phone_number            VARCHAR(30),
    twilio_enabled                 BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at                     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at                     TIMESTAMPTZ   NOT NULL DEFAULT now()
);
