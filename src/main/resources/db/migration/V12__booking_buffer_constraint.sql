-- Issue 8: bookings of one trainer no longer queue behind one lock. The buffer rule (a trainer's sessions stay
-- buffer_minutes apart) was the one booking rule no constraint expressed, so bookings took an exclusive per-trainer
-- advisory lock until commit; every booking of a trainer then waited for the previous one's commit (a WAL flush),
-- capping a trainer at one booking per disk flush. Now the database guards the buffer too: each session blocks its
-- trainer from its start until its end plus the organization's buffer at the time it was booked or moved
-- (blocked_until), and the trainer's exclusion constraint is over that range. Two sessions [s1, e1 + b) and
-- [s2, e2 + b) overlap exactly when s1 < e2 + b and s2 < e1 + b: the rule the booking check applies.

ALTER TABLE training_sessions ADD COLUMN blocked_until TIMESTAMPTZ;
-- Existing sessions keep exactly the range the old constraint guarded, so the new constraint holds for them.
UPDATE training_sessions SET blocked_until = ends_at;
ALTER TABLE training_sessions ALTER COLUMN blocked_until SET NOT NULL;
ALTER TABLE training_sessions ADD CONSTRAINT training_sessions_blocked_after_end CHECK (blocked_until >= ends_at);

-- The policy table is named with its schema: a trigger runs with the search path of whoever writes.
-- Set by the database, so every writer (bookings, series, series edits, moves) gets it without knowing of it. Only
-- a new or moved session takes the current buffer: editing notes or status keeps the range it was booked with.
CREATE FUNCTION training_sessions_set_blocked_until() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.ends_at IS DISTINCT FROM OLD.ends_at
        OR NEW.blocked_until IS NULL THEN
        NEW.blocked_until := NEW.ends_at + make_interval(mins => COALESCE(
            (SELECT p.buffer_minutes FROM ${flyway:defaultSchema}.scheduling_policies p WHERE p.organization_id = NEW.organization_id), 0));
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER training_sessions_blocked_until
    BEFORE INSERT OR UPDATE ON training_sessions
    FOR EACH ROW EXECUTE FUNCTION training_sessions_set_blocked_until();

ALTER TABLE training_sessions DROP CONSTRAINT training_sessions_trainer_overlap;
ALTER TABLE training_sessions ADD CONSTRAINT training_sessions_trainer_overlap EXCLUDE USING gist (
    trainer_id WITH =, tstzrange(starts_at, blocked_until) WITH &&)
    WHERE (status <> 'cancelled' AND deleted_at IS NULL AND NOT allow_overlap) DEFERRABLE INITIALLY IMMEDIATE;
