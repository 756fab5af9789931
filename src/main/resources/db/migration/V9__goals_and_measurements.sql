-- Issue 4: goals with milestones, body measurements, and each user's preferred unit system.

-- The units a user reads measurements in; measurements are stored in kg and cm whatever they were entered in.
ALTER TABLE users ADD COLUMN unit_system VARCHAR(10) NOT NULL DEFAULT 'metric'
    CHECK (unit_system IN ('metric', 'imperial'));

CREATE TABLE goals (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT         NOT NULL REFERENCES organizations (id),
    client_id       BIGINT         NOT NULL REFERENCES clients (id),
    title           VARCHAR(200)   NOT NULL,
    description     TEXT,
    category        VARCHAR(40)    NOT NULL DEFAULT 'other',
    target_value    NUMERIC(12, 3),
    target_unit     VARCHAR(40),
    current_value   NUMERIC(12, 3) NOT NULL DEFAULT 0,
    start_date      DATE,
    target_date     DATE,
    completed_date  TIMESTAMPTZ,
    status          VARCHAR(20)    NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'completed', 'abandoned', 'on_hold')),
    priority        VARCHAR(10)    NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
    notes           TEXT,
    created_by      BIGINT         REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);
-- A client's goals (summary, the client filter, a trainer's clients) and the organization's list, newest first.
CREATE INDEX goals_client_idx ON goals (client_id, created_at DESC, id DESC);
CREATE INDEX goals_org_idx ON goals (organization_id, created_at DESC, id DESC);

CREATE TABLE goal_milestones (
    id              BIGSERIAL PRIMARY KEY,
    goal_id         BIGINT         NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    title           VARCHAR(200)   NOT NULL,
    description     TEXT,
    target_value    NUMERIC(12, 3),
    target_date     DATE,
    completed       BOOLEAN        NOT NULL DEFAULT FALSE,
    completed_date  TIMESTAMPTZ,
    created_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);
-- The milestones of a page of goals are loaded with one "goal_id IN (...)" query.
CREATE INDEX goal_milestones_goal_idx ON goal_milestones (goal_id);

-- Canonical units: kilograms and centimetres (three decimals keep pounds and inches exact enough to round-trip).
-- The checks repeat MeasurementService's bounds, which answer 400 with field details before these are reached.
CREATE TABLE measurements (
    id                        BIGSERIAL PRIMARY KEY,
    organization_id           BIGINT        NOT NULL REFERENCES organizations (id),
    client_id                 BIGINT        NOT NULL REFERENCES clients (id),
    measurement_date          TIMESTAMPTZ   NOT NULL,
    weight_kg                 NUMERIC(7, 3) CHECK (weight_kg BETWEEN 1 AND 700),
    body_fat_percentage       NUMERIC(5, 2) CHECK (body_fat_percentage BETWEEN 1 AND 75),
    muscle_mass_kg            NUMERIC(7, 3) CHECK (muscle_mass_kg BETWEEN 1 AND 300),
    bmi                       NUMERIC(5, 2) CHECK (bmi BETWEEN 5 AND 100),
    chest_cm                  NUMERIC(7, 3) CHECK (chest_cm BETWEEN 1 AND 300),
    waist_cm                  NUMERIC(7, 3) CHECK (waist_cm BETWEEN 1 AND 300),
    hips_cm                   NUMERIC(7, 3) CHECK (hips_cm BETWEEN 1 AND 300),
    thigh_left_cm             NUMERIC(7, 3) CHECK (thigh_left_cm BETWEEN 1 AND 300),
    thigh_right_cm            NUMERIC(7, 3) CHECK (thigh_right_cm BETWEEN 1 AND 300),
    arm_left_cm               NUMERIC(7, 3) CHECK (arm_left_cm BETWEEN 1 AND 300),
    arm_right_cm              NUMERIC(7, 3) CHECK (arm_right_cm BETWEEN 1 AND 300),
    calf_left_cm              NUMERIC(7, 3) CHECK (calf_left_cm BETWEEN 1 AND 300),
    calf_right_cm             NUMERIC(7, 3) CHECK (calf_right_cm BETWEEN 1 AND 300),
    resting_heart_rate        INT           CHECK (resting_heart_rate BETWEEN 20 AND 250),
    blood_pressure_systolic   INT           CHECK (blood_pressure_systolic BETWEEN 50 AND 300),
    blood_pressure_diastolic  INT           CHECK (blood_pressure_diastolic BETWEEN 20 AND 200),
    notes                     TEXT,
    recorded_by               VARCHAR(16),
    recorded_by_user_id       BIGINT        REFERENCES users (id) ON DELETE SET NULL,
    created_at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at                TIMESTAMPTZ   NOT NULL DEFAULT now()
);
-- A client's history (list filter, progress charts, latest) and the organization's list, newest first.
CREATE INDEX measurements_client_date_idx ON measurements (client_id, measurement_date DESC, id DESC);
CREATE INDEX measurements_org_date_idx ON measurements (organization_id, measurement_date DESC, id DESC);
