package com.fitnesscrm.notifications.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.temporal.ChronoUnit;

/** The one place that talks SMTP; retried briefly and guarded by a circuit breaker while the server is down. */
@ApplicationScoped
public class SmtpSender {

    private final Mailer mailer;

    public SmtpSender(Mailer mailer) {
        this.mailer = mailer;
    }

    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 250)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public void send(EmailMessage message) {
        Mail mail = Mail.withText(message.to(), message.subject(), message.textBody());
        if (message.htmlBody() != null) {
            mail.setHtml(message.htmlBody());
        }
        mailer.send(mail);
    }
}
