package com.fitnesscrm.notifications.service;

import com.fitnesscrm.notifications.domain.OutboundEmail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.time.Instant;

/**
 * Queues transactional email. The row is written in the caller's transaction, so an invitation and its email
 * are stored together or not at all; delivery is attempted right after commit and retried by
 * {@link EmailDispatcher} until it succeeds, so an SMTP outage never loses a message.
 */
@ApplicationScoped
public class EmailOutbox {

    /** Fired inside the transaction; observed after a successful commit. */
    public record EmailQueued(long id) {
    }

    private final Event<EmailQueued> queued;
    private final EmailDispatcher dispatcher;
    private final ManagedExecutor executor;

    public EmailOutbox(Event<EmailQueued> queued, EmailDispatcher dispatcher, ManagedExecutor executor) {
        this.queued = queued;
        this.dispatcher = dispatcher;
        this.executor = executor;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long queue(Long organizationId, EmailMessage message) {
        OutboundEmail email = new OutboundEmail();
        email.organizationId = organizationId;
        email.toAddress = message.to();
        email.subject = message.subject();
        email.textBody = message.textBody();
        email.htmlBody = message.htmlBody();
        email.attempts = 0;
        email.createdAt = Instant.now();
        email.nextAttemptAt = email.createdAt;
        email.persist();
        queued.fire(new EmailQueued(email.id));
        return email.id;
    }

    void deliverSoon(@Observes(during = TransactionPhase.AFTER_SUCCESS) EmailQueued event) {
        // Off the request thread: the caller's answer never waits for SMTP.
        executor.runAsync(() -> dispatcher.deliver(event.id()));
    }
}
