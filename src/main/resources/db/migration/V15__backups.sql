-- Every backup the service took, with what was dumped and whether it was verified (restored into a scratch
-- database and its census compared). Read by the operator endpoints and by retention; listed newest first.
CREATE TABLE backups (
    id            VARCHAR(64) PRIMARY KEY,
    object_key    VARCHAR(300) NOT NULL,
    trigger       VARCHAR(20)  NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
    status        VARCHAR(20)  NOT NULL CHECK (status IN ('running', 'verifying', 'verified', 'failed')),
    started_at    TIMESTAMPTZ  NOT NULL,
    dumped_at     TIMESTAMPTZ,
    verified_at   TIMESTAMPTZ,
    size_bytes    BIGINT,
    key_id        VARCHAR(100) NOT NULL,
    server_version VARCHAR(40),
    census        JSONB,
    dump_millis   BIGINT,
    verify_millis BIGINT,
    error         VARCHAR(2000),
    deleted_at    TIMESTAMPTZ
);
CREATE INDEX backups_started_idx ON backups (started_at DESC);
-- The freshest verified backup (health, metrics, the scheduled run's "done recently" check).
CREATE INDEX backups_verified_idx ON backups (verified_at DESC) WHERE status = 'verified';
