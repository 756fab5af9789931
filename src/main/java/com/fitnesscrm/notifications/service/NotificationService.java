package com.fitnesscrm.notifications.service;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells people about things that happened to them (a session requested, confirmed, declined, cancelled). The
 * notice is queued in the caller's transaction through the email outbox, so it is sent exactly when the change
 * commits and survives an SMTP outage. Other channels (SMS, in-app) plug in here.
 */
@ApplicationScoped
public class NotificationService {

    @Location("email/notice.txt")
    Template noticeText;
    @Location("email/notice.html")
    Template noticeHtml;

    private final EmailOutbox outbox;

    public NotificationService(EmailOutbox outbox) {
        this.outbox = outbox;
    }

    /** Queues the notice; a recipient without an email address is skipped (nothing to send it to). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void send(long organizationId, String organizationName, Notice notice) {
        if (notice.recipientEmail() == null || notice.recipientEmail().isBlank()) {
            return;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("name", notice.recipientName());
        data.put("headline", notice.headline());
        data.put("lines", notice.lines());
        data.put("linkLabel", notice.linkLabel());
        data.put("link", notice.link());
        data.put("organizationName", organizationName);
        outbox.queue(organizationId, new EmailMessage(notice.recipientEmail(), notice.subject(),
                noticeText.data(data).render(), noticeHtml.data(data).render()));
    }
}
