package com.fitnesscrm.notifications.service;

import com.fitnesscrm.notifications.domain.OutboundEmail;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import com.fitnesscrm.common.config.AppConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers queued email. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of replicas can run the
 * job at once and each message is sent by exactly one of them. Failures back off exponentially up to an hour,
 * and a message is given up (failed_at) after {@link #MAX_ATTEMPTS} attempts.
 */
@ApplicationScoped
public class EmailDispatcher {

    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);
    static final int MAX_ATTEMPTS = 10;

    private final SmtpSender sender;
    private final int batchSize;

    public EmailDispatcher(SmtpSender sender, AppConfig config) {
        this.sender = sender;
        this.batchSize = config.outbox().batchSize();
    }

    @Scheduled(every = "${app.outbox.interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void deliverDue() {
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
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            email.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
            if (email.attempts >= MAX_ATTEMPTS) {
                email.failedAt = Instant.now();
                LOG.errorf("Giving up on email %d after %d attempts: %s", email.id, email.attempts, email.lastError);
            } else {
                long backoffSeconds = Math.min(3600, 30L << Math.min(email.attempts - 1, 7));
                email.nextAttemptAt = Instant.now().plus(Duration.ofSeconds(backoffSeconds));
                // The first failure of a message carries its stack trace (the cause is often deep); retries do not.
                LOG.warnf(email.attempts == 1 ? e : null, "Email %d not sent (attempt %d), retrying in %d s: %s",
                        email.id, email.attempts, backoffSeconds, email.lastError);
            }
        }
        Panache.getEntityManager().flush();
    }
}
