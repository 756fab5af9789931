-- The activity feed (issue 3): who did what to which record, written in the transaction of the change.
-- entity_id, trainer_id and client_id are plain numbers, not foreign keys: the feed must keep describing records
-- after they are deleted, and a row's trainer_id/client_id decide who besides admins may read it.

CREATE TABLE activity_log (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT       NOT NULL REFERENCES organizations (id),
    user_id          BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    user_identifier  VARCHAR(254),
    role             VARCHAR(16),
    action           VARCHAR(32)  NOT NULL,
    entity_type      VARCHAR(48)  NOT NULL,
    entity_id        BIGINT,
    name             VARCHAR(200),
    email            VARCHAR(254),
    trainer_id       BIGINT,
    client_id        BIGINT,
    details          JSONB        NOT NULL DEFAULT '{}'::jsonb,
    ip_address       VARCHAR(64),
    user_agent       VARCHAR(400),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- An admin's feed and the organization-wide stats.
CREATE INDEX activity_log_org_created_idx ON activity_log (organization_id, created_at DESC, id DESC);
-- A trainer's or client's feed: their own actions OR the rows of their trainer/client record, one index per arm
-- of the OR (combined by a bitmap OR). The user index also serves ON DELETE SET NULL from users.
CREATE INDEX activity_log_user_idx ON activity_log (user_id, created_at DESC);
CREATE INDEX activity_log_trainer_idx ON activity_log (organization_id, trainer_id, created_at DESC)
    WHERE trainer_id IS NOT NULL;
CREATE INDEX activity_log_client_idx ON activity_log (organization_id, client_id, created_at DESC)
    WHERE client_id IS NOT NULL;
-- The action and entity_type/entity_id filters of GET /api/activity, and the GROUP BYs of the stats.
CREATE INDEX activity_log_action_idx ON activity_log (organization_id, action, created_at DESC);
CREATE INDEX activity_log_entity_idx ON activity_log (organization_id, entity_type, entity_id, created_at DESC);
