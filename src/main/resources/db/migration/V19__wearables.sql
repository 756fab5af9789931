-- Wearables (issue 11): a client's connections to providers (Fitbit through the Google Health API, Strava, and the
-- providers that follow on the same tables), the OAuth states of connections in progress, a durable sync queue, the
-- providers' rate-limit pauses, and the normalized data with its provenance (provider, the provider's record id,
-- when it was fetched, the raw payload for re-processing). Unique keys make every write an upsert, so re-syncing the
-- same data never adds a row.

-- One connection per client and provider; one of our clients per provider account (a webhook names the provider's
-- user, and must find exactly one connection). Tokens are sealed by SecretBox (*_ciphertext, rotated with the key).
CREATE TABLE wearable_connections (
    id                       BIGSERIAL PRIMARY KEY,
    organization_id          BIGINT        NOT NULL REFERENCES organizations (id),
    client_id                BIGINT        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    user_id                  BIGINT        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider                 VARCHAR(20)   NOT NULL,
    provider_user_id         VARCHAR(100)  NOT NULL,
    -- Google Health also names the legacy Fitbit user id of the same person; kept beside the Google one.
    legacy_user_id           VARCHAR(100),
    scopes                   VARCHAR(2000) NOT NULL DEFAULT '',
    access_token_ciphertext  TEXT,
    refresh_token_ciphertext TEXT,
    token_expires_at         TIMESTAMPTZ,
    status                   VARCHAR(20)   NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'needs_reconnect')),
    connected_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_sync_at             TIMESTAMPTZ,
    last_error               VARCHAR(1000),
    last_error_at            TIMESTAMPTZ,
    -- Items written per data type ({"workouts": 12, ...}), for the integrations dashboard.
    items_synced             JSONB         NOT NULL DEFAULT '{}'::jsonb,
    -- The provider's per-user rate limit: no request for this connection before then.
    paused_until             TIMESTAMPTZ,
    next_sync_at             TIMESTAMPTZ   NOT NULL,
    updated_at               TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wearable_connections_client_provider_key ON wearable_connections (client_id, provider);
CREATE UNIQUE INDEX wearable_connections_provider_user_key ON wearable_connections (provider, provider_user_id);
CREATE INDEX wearable_connections_legacy_idx ON wearable_connections (provider, legacy_user_id)
    WHERE legacy_user_id IS NOT NULL;
CREATE INDEX wearable_connections_org_client_idx ON wearable_connections (organization_id, client_id);
CREATE INDEX wearable_connections_due_idx ON wearable_connections (next_sync_at) WHERE status = 'active';

-- A connection in progress: the state's nonce (single use: deleted when the callback takes it), whom it is for, and
-- the PKCE code_verifier (sealed), which never leaves the server.
CREATE TABLE wearable_oauth_states (
    nonce                  VARCHAR(64)  PRIMARY KEY,
    organization_id        BIGINT       NOT NULL REFERENCES organizations (id),
    user_id                BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id              BIGINT       NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    provider               VARCHAR(20)  NOT NULL,
    code_verifier_ciphertext TEXT       NOT NULL,
    expires_at             TIMESTAMPTZ  NOT NULL,
    created_at             TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX wearable_oauth_states_expiry_idx ON wearable_oauth_states (expires_at);

-- The sync queue. A job fetches one data type of one connection over one window (or one provider object, such as a
-- Strava activity named by a webhook). Workers claim due jobs with FOR UPDATE SKIP LOCKED, so replicas share them and
-- a crash releases the claim; a pending job that asks for the same thing again is the same row (a flood of webhook
-- hints for one user is one pending sync).
CREATE TABLE wearable_sync_jobs (
    id              BIGSERIAL PRIMARY KEY,
    connection_id   BIGINT       NOT NULL REFERENCES wearable_connections (id) ON DELETE CASCADE,
    provider        VARCHAR(20)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL CHECK (kind IN ('backfill', 'daily', 'manual', 'webhook')),
    data_type       VARCHAR(20)  NOT NULL,
    window_start    TIMESTAMPTZ,
    window_end      TIMESTAMPTZ,
    object_id       VARCHAR(100),
    -- 0 webhook and manual syncs, 1 the daily sync, 2 the backfill: what a user waits for goes first.
    priority        SMALLINT     NOT NULL DEFAULT 1,
    status          VARCHAR(12)  NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    items           INT          NOT NULL DEFAULT 0,
    last_error      VARCHAR(1000),
    request_id      VARCHAR(64),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX wearable_sync_jobs_pending_key ON wearable_sync_jobs
    (connection_id, kind, data_type, coalesce(window_start, 'epoch'::timestamptz), coalesce(object_id, ''))
    WHERE status = 'pending';
CREATE INDEX wearable_sync_jobs_queue_idx ON wearable_sync_jobs (priority, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX wearable_sync_jobs_connection_idx ON wearable_sync_jobs (connection_id, kind, status);

-- A provider's app-wide rate limit: no request to it before paused_until (read from its headers or a 429).
CREATE TABLE wearable_provider_pauses (
    provider     VARCHAR(20) PRIMARY KEY,
    paused_until TIMESTAMPTZ NOT NULL,
    reason       VARCHAR(300)
);

-- Daily activity per client, provider and day (never summed across providers).
CREATE TABLE wearable_daily (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT        NOT NULL REFERENCES organizations (id),
    client_id        BIGINT        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    provider         VARCHAR(20)   NOT NULL,
    day              DATE          NOT NULL,
    steps            INT,
    distance_m       NUMERIC(10, 1),
    active_minutes   INT,
    calories         INT,
    floors           INT,
    raw              JSONB,
    fetched_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wearable_daily_key ON wearable_daily (client_id, day, provider);

-- Heart rate per client, provider and day: resting rate, time in zones, and the intraday samples where given
-- (kept as one array a day, so a day's samples are one row to read and to replace).
CREATE TABLE wearable_heart_rate (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT        NOT NULL REFERENCES organizations (id),
    client_id        BIGINT        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    provider         VARCHAR(20)   NOT NULL,
    day              DATE          NOT NULL,
    resting_bpm      INT,
    min_bpm          INT,
    max_bpm          INT,
    zones            JSONB,
    samples          JSONB,
    raw              JSONB,
    fetched_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wearable_heart_rate_key ON wearable_heart_rate (client_id, day, provider);

CREATE TABLE wearable_sleep (
    id                 BIGSERIAL PRIMARY KEY,
    organization_id    BIGINT        NOT NULL REFERENCES organizations (id),
    client_id          BIGINT        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    provider           VARCHAR(20)   NOT NULL,
    provider_record_id VARCHAR(200)  NOT NULL,
    start_at           TIMESTAMPTZ   NOT NULL,
    end_at             TIMESTAMPTZ   NOT NULL,
    minutes_asleep     INT,
    stages             JSONB,
    raw                JSONB,
    fetched_at         TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wearable_sleep_key ON wearable_sleep (client_id, provider, provider_record_id);
CREATE INDEX wearable_sleep_client_idx ON wearable_sleep (client_id, start_at);

CREATE TABLE wearable_workouts (
    id                 BIGSERIAL PRIMARY KEY,
    organization_id    BIGINT        NOT NULL REFERENCES organizations (id),
    client_id          BIGINT        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    provider           VARCHAR(20)   NOT NULL,
    provider_record_id VARCHAR(200)  NOT NULL,
    activity_type      VARCHAR(30)   NOT NULL,
    provider_type      VARCHAR(60),
    name               VARCHAR(300),
    start_at           TIMESTAMPTZ   NOT NULL,
    end_at             TIMESTAMPTZ   NOT NULL,
    timezone           VARCHAR(60),
    duration_s         INT           NOT NULL,
    moving_s           INT,
    distance_m         NUMERIC(10, 1),
    calories           INT,
    avg_hr             INT,
    max_hr             INT,
    elevation_m        NUMERIC(8, 1),
    route              JSONB,
    raw                JSONB,
    fetched_at         TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wearable_workouts_key ON wearable_workouts (client_id, provider, provider_record_id);
CREATE INDEX wearable_workouts_client_idx ON wearable_workouts (client_id, start_at);

CREATE TABLE wearable_body (
    id                 BIGSERIAL PRIMARY KEY,
    organization_id    BIGINT        NOT NULL REFERENCES organizations (id),
    client_id          BIGINT        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    provider           VARCHAR(20)   NOT NULL,
    provider_record_id VARCHAR(200)  NOT NULL,
    measured_at        TIMESTAMPTZ   NOT NULL,
    weight_kg          NUMERIC(6, 2),
    body_fat_pct       NUMERIC(5, 2),
    raw                JSONB,
    fetched_at         TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wearable_body_key ON wearable_body (client_id, provider, provider_record_id);
CREATE INDEX wearable_body_client_idx ON wearable_body (client_id, measured_at);
