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
        // Make the retry due now instead of after its back-off.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update email_outbox set next_attempt_at = now() where to_address = ?1")
                .setParameter(1, email).executeUpdate());
        Object[] sent = awaitRow(email, "sent_at is not null");
        assertNotNull(sent[1]);
        assertEquals(1, Mailbox.countTo(email));
        Mailbox.token(Mailbox.awaitMessage(email, "invited"));
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
