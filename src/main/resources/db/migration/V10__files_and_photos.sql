-- Issue 4: progress photos and files. The bytes live in object storage (local disk or an S3-compatible bucket)
-- under a random key namespaced by organization; these rows hold the key, the type recognised from the bytes
-- and what the SPA shows. Deleting a row deletes its object right after the commit.
CREATE TABLE progress_photos (
    id                 BIGSERIAL PRIMARY KEY,
    organization_id    BIGINT        NOT NULL REFERENCES organizations (id),
    client_id          BIGINT        NOT NULL REFERENCES clients (id),
    -- A measurement of the same client, when the photo was taken with one (no foreign key: measurements are
    -- another slice of this issue and may be removed independently).
    measurement_id     BIGINT,
    storage_key        VARCHAR(300)  NOT NULL UNIQUE,
    content_type       VARCHAR(100)  NOT NULL,
    file_size          BIGINT        NOT NULL CHECK (file_size >= 0),
    original_filename  VARCHAR(255),
    photo_type         VARCHAR(16)   NOT NULL DEFAULT 'other' CHECK (photo_type IN ('front', 'side', 'back', 'other')),
    caption            TEXT,
    taken_date         TIMESTAMPTZ   NOT NULL,
    uploaded_by        BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now()
);
-- The list (organization, optionally one client, newest first, with date filters) and the comparison (per type,
-- earliest and latest of one client).
CREATE INDEX progress_photos_org_taken_idx ON progress_photos (organization_id, taken_date DESC, id DESC);
CREATE INDEX progress_photos_client_type_idx ON progress_photos (client_id, photo_type, taken_date, id);

CREATE TABLE files (
    id                 BIGSERIAL PRIMARY KEY,
    organization_id    BIGINT        NOT NULL REFERENCES organizations (id),
    storage_key        VARCHAR(300)  NOT NULL UNIQUE,
    original_filename  VARCHAR(255)  NOT NULL,
    file_size          BIGINT        NOT NULL CHECK (file_size >= 0),
    file_type          VARCHAR(100)  NOT NULL,
    category           VARCHAR(50)   NOT NULL,
    client_id          BIGINT        REFERENCES clients (id),
    trainer_id         BIGINT        REFERENCES trainers (id),
    session_id         BIGINT        REFERENCES training_sessions (id) ON DELETE SET NULL,
    description        TEXT,
    uploaded_by        BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now()
);
-- The P2 list (newest first) and its filters; the stats aggregate over the same scopes.
CREATE INDEX files_org_created_idx ON files (organization_id, created_at DESC, id DESC);
CREATE INDEX files_client_idx ON files (client_id, created_at DESC) WHERE client_id IS NOT NULL;
CREATE INDEX files_trainer_idx ON files (trainer_id) WHERE trainer_id IS NOT NULL;
CREATE INDEX files_session_idx ON files (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX files_org_category_idx ON files (organization_id, category);
