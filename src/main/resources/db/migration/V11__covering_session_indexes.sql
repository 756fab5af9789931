-- The dashboard's figures (one FILTER aggregate over a bounded stretch of the calendar, a weekly GROUP BY over
-- twelve weeks) read every session of the organization or trainer in their range: with the status, client and
-- cancellation flags in the index they are answered by index-only scans instead of a bitmap heap scan of every
-- matching row (bench data, 5,000 sessions of one trainer: 111 -> 22 buffers for the aggregate, 102 -> 26 for
-- the weekly counts; bench/README.md, "Query plans"). Same keys and predicate as the indexes they replace, so
-- every other query keeps its plan.
CREATE INDEX training_sessions_org_start_cover_idx ON training_sessions (organization_id, starts_at)
    INCLUDE (status, trainer_id, client_id, late_cancellation, declined) WHERE deleted_at IS NULL;
CREATE INDEX training_sessions_trainer_start_cover_idx ON training_sessions (trainer_id, starts_at)
    INCLUDE (status, organization_id, client_id, late_cancellation, declined) WHERE deleted_at IS NULL;
DROP INDEX training_sessions_org_start_idx;
DROP INDEX training_sessions_trainer_start_idx;
ALTER INDEX training_sessions_org_start_cover_idx RENAME TO training_sessions_org_start_idx;
ALTER INDEX training_sessions_trainer_start_cover_idx RENAME TO training_sessions_trainer_start_idx;
