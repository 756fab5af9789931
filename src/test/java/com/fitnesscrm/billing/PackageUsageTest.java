package com.fitnesscrm.billing;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A package pays for a client's sessions: one per completed session (and, as the policy says, per no-show or
 * late cancellation), given back when that stops being true; an expired or used-up package pays for nothing.
 */
@QuarkusTest
class PackageUsageTest {

    private static final AtomicInteger SLOT = new AtomicInteger();

    record Studio(Api.Session admin, Api.Person trainer, Api.Person client, long packageId) {
    }

    static Studio studio(int sessions, Integer validityDays, String paidAt) {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        long product = PaymentLedgerTest.packageProduct(admin, "200", sessions, validityDays);
        Map<String, Object> payment = paidAt == null ? Map.of("product_id", product)
                : Map.of("product_id", product, "paid_at", paidAt);
        long packageId = PaymentLedgerTest.pay(admin, client.id(), payment).getLong("payment.package_id");
        return new Studio(admin, trainer, client, packageId);
    }

    /** A session of the studio's trainer and client starting {@code hoursFromNow} from now. */
    static long book(Studio s, long hoursFromNow) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(hoursFromNow, ChronoUnit.HOURS)
                .plus(SLOT.getAndIncrement() % 50, ChronoUnit.MINUTES);
        return s.trainer().session().as().body(Map.of("trainer_id", s.trainer().id(), "client_id", s.client().id(),
                        "session_date", start.toString(), "duration", "30", "override_conflicts", true))
                .post("/api/sessions").then().statusCode(201).body("package_id", nullValue())
                .extract().jsonPath().getLong("id");
    }

    static Object status(Studio s, long session, String status) {
        return s.trainer().session().as().body(Map.of("status", status)).put("/api/sessions/" + session).then()
                .statusCode(200).extract().jsonPath().get("package_id");
    }

    static int remaining(Studio s) {
        return s.admin().as().get("/api/payments/client/" + s.client().id() + "/packages").then().statusCode(200)
                .extract().jsonPath().getInt("packages[0].sessions_remaining");
    }

    @Test
    void aCompletedSessionUsesOneSessionAndUndoingItGivesItBack() {
        Studio s = studio(2, null, null);
        long first = book(s, -30);
        assertEquals(s.packageId(), ((Number) status(s, first, "completed")).longValue());
        assertEquals(1, remaining(s));
        s.trainer().session().as().get("/api/sessions/" + first).then()
                .body("package_id", equalTo((int) s.packageId()));
        assertEquals(null, status(s, first, "scheduled"));
        assertEquals(2, remaining(s));
        status(s, first, "completed");
        long second = book(s, -20);
        status(s, second, "completed");
        assertEquals(0, remaining(s));
        // Used up: the third is not paid by the package.
        long third = book(s, -10);
        assertEquals(null, status(s, third, "completed"));
        assertEquals(0, remaining(s));
        // Deleting a paid session gives its session back.
        s.trainer().session().as().delete("/api/sessions/" + second).then().statusCode(200);
        assertEquals(1, remaining(s));
        // Completing it twice uses one.
        status(s, third, "scheduled");
        status(s, third, "completed");
        s.trainer().session().as().body(Map.of("status", "completed", "notes", "Good session"))
                .put("/api/sessions/" + third).then().statusCode(200);
        assertEquals(0, remaining(s));
    }

    @Test
    void lateCancellationsAndNoShowsFollowTheOrganizationsPolicy() {
        Studio s = studio(5, null, null);
        // The client cancels two hours ahead: inside the 24-hour window, late, and charged.
        long late = book(s, 2);
        s.client().session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + late).then()
                .statusCode(200).body("late_cancellation", equalTo(true))
                .body("package_id", equalTo((int) s.packageId()));
        assertEquals(4, remaining(s));
        // Five days ahead: in time, free.
        long early = book(s, 120);
        s.client().session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + early).then()
                .statusCode(200).body("late_cancellation", equalTo(false)).body("package_id", nullValue());
        assertEquals(4, remaining(s));
        // A no-show is charged by default...
        long missed = book(s, -5);
        assertEquals(s.packageId(), ((Number) status(s, missed, "no-show")).longValue());
        assertEquals(3, remaining(s));
        // ...and not once the organization says so; nor late cancellations.
        s.admin().as().body(Map.of("no_show_uses_package", "false", "late_cancellation_uses_package", false))
                .put("/api/settings").then().statusCode(201).body("no_show_uses_package", equalTo(false));
        long missedAgain = book(s, -3);
        assertEquals(null, status(s, missedAgain, "no-show"));
        long lateAgain = book(s, 3);
        s.client().session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + lateAgain).then()
                .statusCode(200).body("late_cancellation", equalTo(true)).body("package_id", nullValue());
        assertEquals(3, remaining(s));
        // Forgiving a late cancellation gives the session back.
        s.trainer().session().as().body(Map.of("late_cancellation", false)).put("/api/sessions/" + late).then()
                .statusCode(200).body("package_id", nullValue());
        assertEquals(4, remaining(s));
        // A policy applies from when it is set: editing an old no-show's notes does not charge it now.
        s.admin().as().body(Map.of("no_show_uses_package", true)).put("/api/settings").then().statusCode(200);
        s.trainer().session().as().body(Map.of("notes", "Called in sick")).put("/api/sessions/" + missedAgain).then()
                .statusCode(200).body("package_id", nullValue());
        assertEquals(4, remaining(s));
    }

    @Test
    void anExpiredPackagePaysForNothing() {
        // Bought ten days ago, valid for two: expired before yesterday's session.
        Studio s = studio(3, 2, Instant.now().minus(10, ChronoUnit.DAYS).toString());
        s.admin().as().get("/api/payments/client/" + s.client().id() + "/packages").then()
                .body("packages[0].status", equalTo("expired"));
        long yesterday = book(s, -24);
        assertEquals(null, status(s, yesterday, "completed"));
        // A session within its validity is still paid by it, even when completed later.
        long withinValidity = book(s, -24 * 9);
        assertEquals(s.packageId(), ((Number) status(s, withinValidity, "completed")).longValue());
        assertEquals(2, remaining(s));
    }

    @Test
    void twoSessionsCompletedAtOnceNeverTakeTheLastSessionTwice() throws Exception {
        Studio s = studio(1, null, null);
        long a = book(s, -48);
        long b = book(s, -47);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> status(s, a, "completed"));
            var second = pool.submit(() -> status(s, b, "completed"));
            long paid = java.util.stream.Stream.of(first.get(), second.get()).filter(java.util.Objects::nonNull).count();
            assertEquals(1, paid);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, remaining(s));
    }
}
