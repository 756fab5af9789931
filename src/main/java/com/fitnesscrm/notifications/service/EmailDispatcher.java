package com.fitnesscrm.notifications.service;

import com.fitnesscrm.notifications.domain.OutboundEmail;
import com.fitnesscrm.common.observability.ErrorReporter;
import com.fitnesscrm.common.observability.JobMonitor;
import com.fitnesscrm.common.observability.LogSafe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import com.fitnesscrm.common.config.AppConfig;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers queued email. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of replicas can run the
 * job at once and each message is sent by exactly one of them. Failures back off exponentially up to an hour,
 * and a message is given up (failed_at) after {@link #MAX_ATTEMPTS} attempts.
 */
@ApplicationScoped
// Created at start, not at the job's first run, so its gauges are exported from the first scrape.
@Startup
public class EmailDispatcher {

    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);
    static final int MAX_ATTEMPTS = 10;

    /** The job's name in logs, metrics, error reports and job_runs. */
    public static final String JOB = "email-outbox";

    private final SmtpSender sender;
    private final int batchSize;
    private final ErrorReporter reporter;
    private final Counter sent;
    private final Counter retried;
    private final Counter gaveUp;
    /** What the last run saw waiting (any replica's run: each counts the whole table). */
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();

    public EmailDispatcher(SmtpSender sender, AppConfig config, ErrorReporter reporter, MeterRegistry metrics) {
        this.sender = sender;
        this.batchSize = config.outbox().batchSize();
        this.reporter = reporter;
        this.sent = outcome(metrics, "sent");
        this.retried = outcome(metrics, "retry");
        this.gaveUp = outcome(metrics, "failed");
        Gauge.builder("fitnesscrm.outbox.depth", pending, AtomicLong::get)
                .description("Emails waiting to be sent, as of the outbox job's last run").register(metrics);
        Gauge.builder("fitnesscrm.outbox.oldest.age", oldestPendingSeconds, AtomicLong::get)
                .baseUnit("seconds").description("Age of the oldest email waiting to be sent").register(metrics);
    }

    private static Counter outcome(MeterRegistry metrics, String outcome) {
        return Counter.builder("fitnesscrm.outbox.deliveries").tag("outcome", outcome)
                .description("Email delivery attempts by outcome").register(metrics);
    }

    @Scheduled(identity = JOB, every = "${app.outbox.interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void deliverDue(ScheduledExecution execution) {
        MDC.put("job_run_id", JobMonitor.runId(execution));
        try {
            deliverBatch();
            measureBacklog();
        } finally {
            MDC.remove("job_run_id");
        }
    }

    private void measureBacklog() {
        Object[] backlog = (Object[]) OutboundEmail.getEntityManager().createNativeQuery(
                        "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from email_outbox"
                                + " where sent_at is null and failed_at is null")
                .getSingleResult();
        pending.set(((Number) backlog[0]).longValue());
        oldestPendingSeconds.set(((Number) backlog[1]).longValue());
    }

    private void deliverBatch() {
        List<OutboundEmail> due = OutboundEmail.getEntityManager()
                .createQuery("from OutboundEmail e where e.sentAt is null and e.failedAt is null"
                        + " and e.nextAttemptAt <= :now order by e.nextAttemptAt", OutboundEmail.class)
                .setParameter("now", Instant.now())
                .setMaxResults(batchSize)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .getResultList();
        due.forEach(this::attempt);
    }

    /** Delivers one message now, unless another replica or an earlier attempt already holds or sent it. */
    @Transactional
    public void deliver(long id) {
        List<OutboundEmail> claimed = OutboundEmail.getEntityManager()
                .createQuery("from OutboundEmail e where e.id = :id and e.sentAt is null and e.failedAt is null",
                        OutboundEmail.class)
                .setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .getResultList();
        claimed.forEach(this::attempt);
    }

    private void attempt(OutboundEmail email) {
        email.attempts++;
        try {
            sender.send(new EmailMessage(email.toAddress, email.subject, email.textBody, email.htmlBody));
            email.sentAt = Instant.now();
            email.lastError = null;
            sent.increment();
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            email.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
            if (email.attempts >= MAX_ATTEMPTS) {
                email.failedAt = Instant.now();
                gaveUp.increment();
                LOG.errorf("Giving up on email %d after %d attempts: %s", email.id, email.attempts,
                        LogSafe.text(email.lastError));
                reporter.gaveUp("email-outbox", "Email given up after " + email.attempts + " attempts: "
                        + e.getClass().getSimpleName(), Map.of("email_id", Long.toString(email.id)));
            } else {
                retried.increment();
                long backoffSeconds = Math.min(3600, 30L << Math.min(email.attempts - 1, 7));
                email.nextAttemptAt = Instant.now().plus(Duration.ofSeconds(backoffSeconds));
                // The first failure of a message carries its stack trace (the cause is often deep); retries do not.
                LOG.warnf(email.attempts == 1 ? LogSafe.of(e) : null,
                        "Email %d not sent (attempt %d), retrying in %d s: %s",
                        email.id, email.attempts, backoffSeconds, LogSafe.text(email.lastError));
            }
        }
        Panache.getEntityManager().flush();
    }
}
