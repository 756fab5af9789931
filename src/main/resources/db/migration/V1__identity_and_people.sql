-- Identity, access and the people of an organization (issue 2).
-- Every table of business data carries organization_id; every API query filters on it.

-- Trigram indexes serve the "contains" searches of the trainer and client lists. The extension is installed once
-- per database, in public, so every schema (dev and test share a database) finds its operator classes there.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE EXTENSION pg_trgm WITH SCHEMA public;
    END IF;
END $$;

CREATE TABLE organizations (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    time_zone   VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A login. The email is unique across the service (one account per address) and stored lower-cased.
CREATE TABLE users (
    id                   BIGSERIAL PRIMARY KEY,
    organization_id      BIGINT       NOT NULL REFERENCES organizations (id),
    email                VARCHAR(254) NOT NULL,
    name                 VARCHAR(200),
    role                 VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'trainer', 'client')),
    password_hash        VARCHAR(100) NOT NULL,
    active               BOOLEAN      NOT NULL DEFAULT TRUE,
    last_login           TIMESTAMPTZ,
    password_changed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_organization_idx ON users (organization_id);

-- Refresh tokens: stored only as SHA-256 hashes. A family is one login and all its rotations.
CREATE TABLE refresh_tokens (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   UUID        NOT NULL,
    token_hash  CHAR(64)    NOT NULL,
    parent_id   BIGINT      REFERENCES refresh_tokens (id) ON DELETE SET NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

CREATE TABLE invitations (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT       NOT NULL REFERENCES organizations (id),
    email            VARCHAR(254) NOT NULL,
    name             VARCHAR(200),
    role             VARCHAR(16)  NOT NULL CHECK (role IN ('trainer', 'client')),
    token_hash       CHAR(64)     NOT NULL,
    invited_by       BIGINT       NOT NULL REFERENCES users (id),
    expires_at       TIMESTAMPTZ  NOT NULL,
    accepted_at      TIMESTAMPTZ,
    revoked_at       TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX invitations_token_hash_key ON invitations (token_hash);
CREATE INDEX invitations_organization_idx ON invitations (organization_id, created_at DESC);
CREATE INDEX invitations_inviter_idx ON invitations (invited_by, created_at DESC);

CREATE TABLE password_reset_tokens (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  CHAR(64)    NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX password_reset_tokens_hash_key ON password_reset_tokens (token_hash);
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id) WHERE used_at IS NULL;

-- Security audit log: logins, refresh-token reuse, invitations, role and password changes.
CREATE TABLE security_events (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT REFERENCES organizations (id),
    user_id          BIGINT REFERENCES users (id) ON DELETE SET NULL,
    event_type       VARCHAR(48)  NOT NULL,
    email            VARCHAR(254),
    ip_address       VARCHAR(64),
    user_agent       VARCHAR(400),
    details          JSONB,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX security_events_organization_idx ON security_events (organization_id, created_at DESC);
CREATE INDEX security_events_user_idx ON security_events (user_id, created_at DESC);

-- Transactional email outbox: written in the same transaction as what it announces, sent and retried by a job.
CREATE TABLE email_outbox (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT REFERENCES organizations (id),
    to_address       VARCHAR(254) NOT NULL,
    subject          VARCHAR(300) NOT NULL,
    text_body        TEXT         NOT NULL,
    html_body        TEXT,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at          TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX email_outbox_pending_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

CREATE TABLE trainers (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT       NOT NULL REFERENCES organizations (id),
    user_id          BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    name             VARCHAR(200) NOT NULL,
    email            VARCHAR(254) NOT NULL,
    phone            VARCHAR(40),
    specialization   VARCHAR(200),
    certification    VARCHAR(200),
    experience       INT CHECK (experience IS NULL OR experience BETWEEN 0 AND 80),
    bio              TEXT,
    hourly_rate      NUMERIC(10, 2) CHECK (hourly_rate IS NULL OR hourly_rate >= 0),
    active           BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX trainers_org_email_key ON trainers (organization_id, email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX trainers_user_key ON trainers (user_id) WHERE deleted_at IS NULL;
CREATE INDEX trainers_org_name_idx ON trainers (organization_id, lower(name), id) WHERE deleted_at IS NULL;
CREATE INDEX trainers_name_trgm ON trainers USING gin (lower(name) public.gin_trgm_ops);
CREATE INDEX trainers_email_trgm ON trainers USING gin (email public.gin_trgm_ops);
CREATE INDEX trainers_phone_trgm ON trainers USING gin (phone public.gin_trgm_ops);

CREATE TABLE clients (
    id                  BIGSERIAL PRIMARY KEY,
    organization_id     BIGINT       NOT NULL REFERENCES organizations (id),
    user_id             BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    name                VARCHAR(200) NOT NULL,
    email               VARCHAR(254) NOT NULL,
    phone               VARCHAR(40),
    age                 INT CHECK (age IS NULL OR age BETWEEN 0 AND 130),
    goals               TEXT,
    medical_conditions  TEXT,
    emergency_contact   VARCHAR(200),
    emergency_phone     VARCHAR(40),
    status              VARCHAR(16)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'pending')),
    membership_type     VARCHAR(60),
    start_date          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at          TIMESTAMPTZ
);
CREATE UNIQUE INDEX clients_org_email_key ON clients (organization_id, email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX clients_user_key ON clients (user_id) WHERE deleted_at IS NULL;
CREATE INDEX clients_org_name_idx ON clients (organization_id, lower(name), id) WHERE deleted_at IS NULL;
CREATE INDEX clients_org_status_idx ON clients (organization_id, status) WHERE deleted_at IS NULL;
CREATE INDEX clients_name_trgm ON clients USING gin (lower(name) public.gin_trgm_ops);
CREATE INDEX clients_email_trgm ON clients USING gin (email public.gin_trgm_ops);
CREATE INDEX clients_phone_trgm ON clients USING gin (phone public.gin_trgm_ops);
CREATE INDEX clients_goals_trgm ON clients USING gin (lower(goals) public.gin_trgm_ops);

CREATE TABLE trainer_client_assignments (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT      NOT NULL REFERENCES organizations (id),
    trainer_id       BIGINT      NOT NULL REFERENCES trainers (id),
    client_id        BIGINT      NOT NULL REFERENCES clients (id),
    notes            TEXT,
    status           VARCHAR(16) NOT NULL DEFAULT 'active',
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX assignments_pair_key ON trainer_client_assignments (trainer_id, client_id) WHERE deleted_at IS NULL;
CREATE INDEX assignments_client_idx ON trainer_client_assignments (client_id) WHERE deleted_at IS NULL;
CREATE INDEX assignments_org_idx ON trainer_client_assignments (organization_id, created_at) WHERE deleted_at IS NULL;
