package com.fitnesscrm.notifications;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.GreenMailResource;
import com.fitnesscrm.support.Mailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An SMTP outage never loses an invitation email: it waits in the outbox and goes out once SMTP is back. */
@QuarkusTest
class EmailOutboxTest {

    @Inject
    EntityManager em;

    @Test
    void anInvitationSurvivesAnSmtpOutage() throws Exception {
        Api.Session admin = Api.registerOrganization();
        String email = Api.uniqueEmail("patient");
        GreenMailResource.greenMail().stop();
        try {
            admin.as().body(Map.of("email", email, "role", "client")).post("/api/invitations")
                    .then().statusCode(201);
            Object[] row = awaitRow(email, "attempts >= 1 and last_error is not null");
            assertTrue(row[1] == null, "not sent while SMTP is down");
        } finally {
            GreenMailResource.greenMail().start();
        }
        Object[] sent = awaitDelivery(email);
        assertNotNull(sent[1]);
        assertEquals(1, Mailbox.countTo(email));
        Mailbox.token(Mailbox.awaitMessage(email, "invited"));
    }

    /**
     * Waits for the retry to deliver the message. Each back-off is cut short (the row is made due again), because
     * the first retries after the restart may still meet the open circuit breaker or a server that is not yet
     * accepting connections; what the test asserts is that the message is delivered once and not lost.
     */
    private Object[] awaitDelivery(String email) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update email_outbox set next_attempt_at = now() where to_address = ?1"
                                    + " and sent_at is null and next_attempt_at > now()")
                    .setParameter(1, email).executeUpdate());
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                            "select attempts, sent_at from email_outbox where to_address = ?1 and sent_at is not null")
                    .setParameter(1, email).getResultStream().findFirst().orElse(null));
            if (row != null) {
                return row;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the invitation to " + email + " was never delivered after SMTP came back");
    }

    private Object[] awaitRow(String email, String condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                            "select attempts, sent_at from email_outbox where to_address = ?1 and " + condition)
                    .setParameter(1, email).getResultStream().findFirst().orElse(null));
            if (row != null) {
                return row;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("email_outbox row for " + email + " never matched: " + condition);
    }
}
