-- A sync asked for while the same one is being worked (a webhook hint arriving mid-fetch) would meet the running job's
-- pending row and be dropped, though the fetch under way may have missed what the hint announces. Such a request
-- becomes a follow-up: a second pending row for the same thing, which runs after the first (and collapses further
-- requests into itself like any pending job).
ALTER TABLE wearable_sync_jobs ADD COLUMN follow_up BOOLEAN NOT NULL DEFAULT false;
DROP INDEX wearable_sync_jobs_pending_key;
CREATE UNIQUE INDEX wearable_sync_jobs_pending_key ON wearable_sync_jobs
    (connection_id, kind, data_type, coalesce(window_start, 'epoch'::timestamptz), coalesce(object_id, ''), follow_up)
    WHERE status = 'pending';
