-- Issue 4: workout templates, programs, client-specific copies with versions, schedules, logs and personal records.
-- A template is never changed by what happens to a client: assigning one copies its exercise list into the
-- client's own workout (client_workouts), whose exercise list is versioned; every log names the version it was
-- done against.

CREATE TABLE workout_templates (
    id                BIGSERIAL PRIMARY KEY,
    organization_id   BIGINT        NOT NULL REFERENCES organizations (id),
    name              VARCHAR(200)  NOT NULL,
    description       TEXT,
    category          VARCHAR(50),
    difficulty        VARCHAR(20)   CHECK (difficulty IS NULL OR difficulty IN ('beginner', 'intermediate', 'advanced')),
    duration_minutes  INT           CHECK (duration_minutes BETWEEN 0 AND 1440),
    duration_weeks    INT           CHECK (duration_weeks BETWEEN 1 AND 104),
    image_url         VARCHAR(1000),
    video_url         VARCHAR(1000),
    is_public         BOOLEAN       NOT NULL DEFAULT FALSE,
    created_by        BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    deleted_at        TIMESTAMPTZ
);
-- The list: newest first within the organization, narrowed by owner / public, and a contains-search on the name.
CREATE INDEX workout_templates_org_created_idx ON workout_templates (organization_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX workout_templates_owner_idx ON workout_templates (organization_id, created_by) WHERE deleted_at IS NULL;
CREATE INDEX workout_templates_name_trgm_idx ON workout_templates USING gin (lower(name) public.gin_trgm_ops);

CREATE TABLE workout_template_exercises (
    id                   BIGSERIAL PRIMARY KEY,
    workout_template_id  BIGINT        NOT NULL REFERENCES workout_templates (id) ON DELETE CASCADE,
    exercise_id          BIGINT        NOT NULL REFERENCES exercises (id),
    position             INT           NOT NULL CHECK (position BETWEEN 0 AND 1000),
    sets                 INT           CHECK (sets BETWEEN 0 AND 50),
    reps                 VARCHAR(50),
    duration_seconds     INT           CHECK (duration_seconds BETWEEN 0 AND 21600),
    rest_seconds         INT           CHECK (rest_seconds BETWEEN 0 AND 3600),
    weight               VARCHAR(50),
    tempo                VARCHAR(20),
    notes                TEXT
);
CREATE INDEX workout_template_exercises_template_idx ON workout_template_exercises (workout_template_id, position);

-- Programs: templates laid out over weeks, day 1..7*weeks; a day without a row is a rest day.
CREATE TABLE workout_programs (
    id                BIGSERIAL PRIMARY KEY,
    organization_id   BIGINT        NOT NULL REFERENCES organizations (id),
    name              VARCHAR(200)  NOT NULL,
    description       TEXT,
    duration_weeks    INT           NOT NULL CHECK (duration_weeks BETWEEN 1 AND 52),
    is_public         BOOLEAN       NOT NULL DEFAULT FALSE,
    created_by        BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    deleted_at        TIMESTAMPTZ
);
CREATE INDEX workout_programs_org_created_idx ON workout_programs (organization_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

CREATE TABLE workout_program_days (
    id                   BIGSERIAL PRIMARY KEY,
    program_id           BIGINT  NOT NULL REFERENCES workout_programs (id) ON DELETE CASCADE,
    day_number           INT     NOT NULL CHECK (day_number BETWEEN 1 AND 364),
    workout_template_id  BIGINT  NOT NULL REFERENCES workout_templates (id),
    UNIQUE (program_id, day_number)
);
-- "Is this template still used by a live program?" before a template is deleted.
CREATE INDEX workout_program_days_template_idx ON workout_program_days (workout_template_id);

CREATE TABLE program_assignments (
    id                BIGSERIAL PRIMARY KEY,
    organization_id   BIGINT        NOT NULL REFERENCES organizations (id),
    client_id         BIGINT        NOT NULL REFERENCES clients (id),
    program_id        BIGINT        NOT NULL REFERENCES workout_programs (id),
    assigned_by       BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    start_date        DATE          NOT NULL,
    end_date          DATE          NOT NULL,
    notes             TEXT,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK (end_date >= start_date)
);
CREATE INDEX program_assignments_client_idx ON program_assignments (client_id, start_date);

-- A client's own copy of a template. Its exercise list lives in versions; `version` is the current one.
CREATE TABLE client_workouts (
    id                     BIGSERIAL PRIMARY KEY,
    organization_id        BIGINT        NOT NULL REFERENCES organizations (id),
    client_id              BIGINT        NOT NULL REFERENCES clients (id),
    workout_template_id    BIGINT        NOT NULL REFERENCES workout_templates (id),
    program_assignment_id  BIGINT        REFERENCES program_assignments (id),
    assigned_by            BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    assigned_date          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    start_date             DATE,
    end_date               DATE,
    frequency_per_week     INT           CHECK (frequency_per_week BETWEEN 1 AND 14),
    -- Weekdays of a weekly schedule, "0,2,4" (0 = Monday … 6 = Sunday).
    schedule_days          VARCHAR(20),
    notes                  TEXT,
    status                 VARCHAR(16)   NOT NULL DEFAULT 'active'
                           CHECK (status IN ('active', 'completed', 'paused')),
    version                INT           NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX client_workouts_client_idx ON client_workouts (client_id, status, assigned_date DESC);
-- "Do active assignments still use this template?" before a template is deleted.
CREATE INDEX client_workouts_template_idx ON client_workouts (workout_template_id) WHERE status = 'active';

CREATE TABLE client_workout_versions (
    id                 BIGSERIAL PRIMARY KEY,
    client_workout_id  BIGINT       NOT NULL REFERENCES client_workouts (id) ON DELETE CASCADE,
    version            INT          NOT NULL CHECK (version >= 1),
    created_by         BIGINT       REFERENCES users (id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (client_workout_id, version)
);

-- The exercise list of each version, kept unchanged once written (the snapshot a log refers to).
CREATE TABLE client_workout_exercises (
    id                 BIGSERIAL PRIMARY KEY,
    client_workout_id  BIGINT        NOT NULL,
    version            INT           NOT NULL,
    exercise_id        BIGINT        NOT NULL REFERENCES exercises (id),
    position           INT           NOT NULL CHECK (position BETWEEN 0 AND 1000),
    sets               INT           CHECK (sets BETWEEN 0 AND 50),
    reps               VARCHAR(50),
    duration_seconds   INT           CHECK (duration_seconds BETWEEN 0 AND 21600),
    rest_seconds       INT           CHECK (rest_seconds BETWEEN 0 AND 3600),
    weight             VARCHAR(50),
    tempo              VARCHAR(20),
    notes              TEXT,
    FOREIGN KEY (client_workout_id, version) REFERENCES client_workout_versions (client_workout_id, version)
        ON DELETE CASCADE
);
CREATE INDEX client_workout_exercises_version_idx ON client_workout_exercises (client_workout_id, version, position);

-- Dated workouts of a program or a weekday schedule. `cancelled` marks dates of a paused assignment.
CREATE TABLE scheduled_workouts (
    id                     BIGSERIAL PRIMARY KEY,
    organization_id        BIGINT   NOT NULL REFERENCES organizations (id),
    client_id              BIGINT   NOT NULL REFERENCES clients (id),
    client_workout_id      BIGINT   NOT NULL REFERENCES client_workouts (id) ON DELETE CASCADE,
    program_assignment_id  BIGINT   REFERENCES program_assignments (id) ON DELETE CASCADE,
    program_day            INT,
    scheduled_date         DATE     NOT NULL,
    cancelled              BOOLEAN  NOT NULL DEFAULT FALSE
);
CREATE INDEX scheduled_workouts_client_date_idx ON scheduled_workouts (client_id, scheduled_date);
CREATE INDEX scheduled_workouts_copy_date_idx ON scheduled_workouts (client_workout_id, scheduled_date);

CREATE TABLE workout_logs (
    id                      BIGSERIAL PRIMARY KEY,
    organization_id         BIGINT        NOT NULL REFERENCES organizations (id),
    client_id               BIGINT        NOT NULL REFERENCES clients (id),
    client_workout_id       BIGINT        REFERENCES client_workouts (id),
    client_workout_version  INT,
    workout_template_id     BIGINT        REFERENCES workout_templates (id),
    completed_at            TIMESTAMPTZ   NOT NULL,
    duration_minutes        INT           CHECK (duration_minutes BETWEEN 0 AND 720),
    difficulty_rating       INT           CHECK (difficulty_rating BETWEEN 1 AND 10),
    notes                   TEXT,
    completed               BOOLEAN       NOT NULL DEFAULT TRUE,
    logged_by               BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    created_at              TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK ((client_workout_id IS NULL) = (client_workout_version IS NULL)),
    FOREIGN KEY (client_workout_id, client_workout_version)
        REFERENCES client_workout_versions (client_workout_id, version)
);
-- The client's logs newest first, and the per-day / per-week aggregates of the stats.
CREATE INDEX workout_logs_client_completed_idx ON workout_logs (client_id, completed_at DESC);
-- "Was this scheduled workout done?" in the schedule view.
CREATE INDEX workout_logs_copy_idx ON workout_logs (client_workout_id, completed_at) WHERE client_workout_id IS NOT NULL;

CREATE TABLE workout_log_sets (
    id                BIGSERIAL PRIMARY KEY,
    workout_log_id    BIGINT         NOT NULL REFERENCES workout_logs (id) ON DELETE CASCADE,
    exercise_id       BIGINT         NOT NULL REFERENCES exercises (id),
    set_number        INT            CHECK (set_number BETWEEN 1 AND 100),
    reps              INT            CHECK (reps BETWEEN 0 AND 1000),
    weight_kg         NUMERIC(7, 2)  CHECK (weight_kg BETWEEN 0 AND 1000),
    duration_seconds  INT            CHECK (duration_seconds BETWEEN 0 AND 21600),
    rpe               NUMERIC(3, 1)  CHECK (rpe BETWEEN 1 AND 10),
    completed         BOOLEAN        NOT NULL DEFAULT TRUE,
    notes             TEXT
);
CREATE INDEX workout_log_sets_log_idx ON workout_log_sets (workout_log_id, set_number);

-- Best performances per client and exercise, each with the log (and its date) that set it.
CREATE TABLE personal_records (
    id                          BIGSERIAL PRIMARY KEY,
    organization_id             BIGINT         NOT NULL REFERENCES organizations (id),
    client_id                   BIGINT         NOT NULL REFERENCES clients (id),
    exercise_id                 BIGINT         NOT NULL REFERENCES exercises (id),
    estimated_1rm_kg            NUMERIC(8, 2),
    estimated_1rm_weight_kg     NUMERIC(7, 2),
    estimated_1rm_reps          INT,
    estimated_1rm_log_id        BIGINT         REFERENCES workout_logs (id) ON DELETE SET NULL,
    estimated_1rm_at            TIMESTAMPTZ,
    max_weight_kg               NUMERIC(7, 2),
    max_weight_reps             INT,
    max_weight_log_id           BIGINT         REFERENCES workout_logs (id) ON DELETE SET NULL,
    max_weight_at               TIMESTAMPTZ,
    best_set_volume_kg          NUMERIC(10, 2),
    best_set_volume_log_id      BIGINT         REFERENCES workout_logs (id) ON DELETE SET NULL,
    best_set_volume_at          TIMESTAMPTZ,
    best_session_volume_kg      NUMERIC(12, 2),
    best_session_volume_log_id  BIGINT         REFERENCES workout_logs (id) ON DELETE SET NULL,
    best_session_volume_at      TIMESTAMPTZ,
    updated_at                  TIMESTAMPTZ    NOT NULL DEFAULT now(),
    UNIQUE (client_id, exercise_id)
);
