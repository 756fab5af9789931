package com.fitnesscrm.common.observability;

import com.fitnesscrm.common.health.HealthContributor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.SuccessfulExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Follows every scheduled job's runs (whichever replica ran them): failures go to error tracking, and the
 * {@code job_runs} row says when the job last succeeded and is next due, so {@code /api/health} can tell a late or
 * failing job. The scheduler's own metrics ({@code scheduled_methods_seconds}) count runs, durations and failures.
 */
@ApplicationScoped
public class JobMonitor implements HealthContributor {

    private static final Logger LOG = Logger.getLogger(JobMonitor.class);
    /** A job is late when its next run is this overdue: long enough for a slow run, short enough to act on. */
    static final Duration LATE_AFTER = Duration.ofMinutes(5);
    /** A job failing this many times in a row is reported as failing, not as a blip. */
    static final int FAILING_AFTER = 3;

    private final ErrorReporter reporter;

    public JobMonitor(ErrorReporter reporter) {
        this.reporter = reporter;
    }

    /** A job's state as /api/health reports it. */
    public record JobState(String job, Instant lastSucceededAt, Instant nextDueAt, int consecutiveFailures,
                           String lastError) {
        public Optional<String> problem(Instant now) {
            if (consecutiveFailures >= FAILING_AFTER) {
                return Optional.of(job + " failed its last " + consecutiveFailures + " runs");
            }
            if (nextDueAt != null && nextDueAt.plus(LATE_AFTER).isBefore(now)) {
                return Optional.of(job + " is " + Duration.between(nextDueAt, now).toMinutes() + " min late");
            }
            return Optional.empty();
        }
    }

    /**
     * A long job (the backup) says it started: its row moves on to the next due time now, so the run is not
     * reported late while it lasts.
     */
    public void started(ScheduledExecution execution) {
        try {
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                            "insert into job_runs (job, last_started_at, last_finished_at, next_due_at)"
                                    + " values (?1, ?2, ?2, ?3) on conflict (job) do update set"
                                    + " last_started_at = excluded.last_started_at, next_due_at = excluded.next_due_at")
                    .setParameter(1, execution.getTrigger().getId())
                    .setParameter(2, execution.getFireTime())
                    .setParameter(3, execution.getTrigger().getNextFireTime())
                    .executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the start of job %s: %s", execution.getTrigger().getId(), e.getMessage());
        }
    }

    void succeeded(@Observes SuccessfulExecution event) {
        record(event.getExecution(), null);
    }

    void failed(@Observes FailedExecution event) {
        ScheduledExecution execution = event.getExecution();
        String runId = runId(execution);
        if (Outages.databaseUnreachable(event.getException())) {
            LOG.warnf("Scheduled job %s skipped a run (%s): the database is unreachable",
                    execution.getTrigger().getId(), runId);
        } else {
            LOG.errorf(LogSafe.of(event.getException()), "Scheduled job %s failed (run %s)",
                    execution.getTrigger().getId(), runId);
        }
        reporter.jobFailed(execution.getTrigger().getId(), runId, event.getException());
        record(execution, event.getException());
    }

    @Override
    public List<String> problems(Instant now) {
        return states().stream().flatMap(j -> j.problem(now).stream()).toList();
    }

    public List<JobState> states() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                    "select job, last_succeeded_at, next_due_at, consecutive_failures, last_error from job_runs"
                            + " order by job").getResultList();
            return rows.stream().map(r -> new JobState((String) r[0], instant(r[1]), instant(r[2]),
                    ((Number) r[3]).intValue(), (String) r[4])).toList();
        });
    }

    private void record(ScheduledExecution execution, Throwable failure) {
        String job = execution.getTrigger().getId();
        Instant next = execution.getTrigger().getNextFireTime();
        String error = failure == null ? null : truncate(failure.getClass().getSimpleName() + ": "
                + SentryScrubber.text(failure.getMessage()));
        try {
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                            "insert into job_runs (job, last_started_at, last_finished_at, last_succeeded_at, next_due_at,"
                                    + " consecutive_failures, last_error, last_run_id)"
                                    + " values (?1, ?2, now(), case when ?3 then now() end, ?4, case when ?3 then 0 else 1 end,"
                                    + " ?5, ?6)"
                                    + " on conflict (job) do update set last_started_at = excluded.last_started_at,"
                                    + " last_finished_at = now(), next_due_at = excluded.next_due_at, last_run_id = excluded.last_run_id,"
                                    + " last_succeeded_at = coalesce(excluded.last_succeeded_at, job_runs.last_succeeded_at),"
                                    + " consecutive_failures = case when ?3 then 0 else job_runs.consecutive_failures + 1 end,"
                                    + " last_error = coalesce(?5, job_runs.last_error)")
                    .setParameter(1, job)
                    .setParameter(2, execution.getFireTime())
                    .setParameter(3, failure == null)
                    .setParameter(4, next)
                    .setParameter(5, error)
                    .setParameter(6, runId(execution))
                    .executeUpdate());
        } catch (RuntimeException e) {
            // The job's own outcome stands; only its bookkeeping is lost (the database may be what failed).
            LOG.warnf("Could not record the run of job %s: %s", job, e.getMessage());
        }
    }

    /** A run's id for logs and reports: the job and its fire time, the same on every replica. */
    /** Runs a scheduled job's work with its run id in the logging context (job_run_id), removed afterwards. */
    public static void inRun(ScheduledExecution execution, Runnable work) {
        org.jboss.logging.MDC.put("job_run_id", runId(execution));
        try {
            work.run();
        } finally {
            org.jboss.logging.MDC.remove("job_run_id");
        }
    }

    public static String runId(ScheduledExecution execution) {
        return execution.getTrigger().getId() + "@" + execution.getScheduledFireTime().getEpochSecond();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
