-- The daily sync drops finished jobs older than two weeks (the backfill's stay: they are its progress); this index
-- serves that delete instead of a scan of every job.
CREATE INDEX wearable_sync_jobs_finished_idx ON wearable_sync_jobs (finished_at)
    WHERE status <> 'pending' AND kind <> 'backfill';
