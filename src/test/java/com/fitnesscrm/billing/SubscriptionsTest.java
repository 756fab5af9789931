package com.fitnesscrm.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fitnesscrm.billing.service.PaymentReminders;
import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.FakeStripe;
import com.fitnesscrm.support.FakeStripeResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static com.fitnesscrm.billing.StripePaymentsTest.deliver;
import static com.fitnesscrm.billing.StripePaymentsTest.event;
import static com.fitnesscrm.billing.StripePaymentsTest.eventId;
import static com.fitnesscrm.billing.StripePaymentsTest.sleep;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memberships through Stripe: subscriptions started from our records (idempotency keys, the connected account),
 * their events in any order ending in the right state with each paid invoice in the ledger once, cancellation at
 * the period's end or now, hosted Checkout for one-off products and memberships, and the reminders that failed and
 * overdue payments produce.
 */
@QuarkusTest
class SubscriptionsTest {

    @Inject
    PaymentReminders reminders;

    static FakeStripe stripe() {
        return FakeStripeResource.stripe();
    }

    @BeforeEach
    @AfterEach
    void clean() {
        stripe().reset();
    }

    record Club(StripePaymentsTest.Studio studio, long membershipId) {
        Api.Session admin() {
            return studio.admin();
        }

        Api.Person client() {
            return studio.client();
        }
    }

    static Club club() {
        StripePaymentsTest.Studio s = StripePaymentsTest.studio();
        long membership = s.admin().as().body(Map.of("kind", "membership", "name", "Monthly unlimited",
                        "price", "89.00", "billing_interval", "monthly")).post("/api/products").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        return new Club(s, membership);
    }

    static JsonPath subscribe(Club c) {
        return c.client().session().as().body(Map.of("product_id", String.valueOf(c.membershipId())))
                .post("/api/stripe/create-subscription").then().statusCode(201).extract().jsonPath();
    }

    static JsonPath subscriptionOf(Club c, Predicate<JsonPath> until) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = c.admin().as().get("/api/payments/client/" + c.client().id() + "/subscriptions").then()
                    .statusCode(200).extract().jsonPath();
            if (until.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("the subscription never got there: " + (last == null ? "" : last.prettify()));
    }

    static List<Map<String, Object>> payments(Club c) {
        return c.admin().as().get("/api/payments?client_id=" + c.client().id()).then().statusCode(200).extract()
                .jsonPath().getList("payments");
    }

    @Test
    void aSubscriptionIsStartedFromOurRecordOnTheConnectedAccount() throws Exception {
        Club c = club();
        JsonPath started = subscribe(c);
        long id = started.getLong("subscription.id");
        assertEquals("incomplete", started.getString("subscription.status"));
        assertEquals(89.0f, started.getFloat("subscription.amount"));
        assertEquals("month", started.getString("subscription.billing_interval"));
        assertTrue(started.getString("client_secret").contains("_secret_"));
        assertEquals("pk_test_fitnesscrm_fake", started.getString("publishable_key"));
        assertTrue(started.getString("subscription.stripe_subscription_id").startsWith("sub_"));

        FakeStripe.Request created = stripe().requests().stream()
                .filter(r -> r.path().equals("/v1/subscriptions")).findFirst().orElseThrow();
        assertEquals("subscription-" + id, created.idempotencyKey());
        assertEquals("default_incomplete", created.form().get("payment_behavior"));
        assertEquals(c.studio().account(), created.form().get("transfer_data[destination]"));
        assertEquals(c.studio().account(), created.form().get("on_behalf_of"));
        assertEquals(String.valueOf(id), created.form().get("metadata[subscription_id]"));
        FakeStripe.Request price = stripe().requests().stream().filter(r -> r.path().equals("/v1/prices"))
                .findFirst().orElseThrow();
        assertEquals("8900", price.form().get("unit_amount"));
        assertEquals("month", price.form().get("recurring[interval]"));

        // The same membership again while its first invoice waits, twice at once: refused, no second Stripe
        // subscription. Another client reuses the Stripe price.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> twice = java.util.Collections.nCopies(2, () -> c.client().session().as()
                    .body(Map.of("product_id", c.membershipId())).post("/api/stripe/create-subscription").statusCode());
            for (Future<Integer> f : pool.invokeAll(twice)) {
                assertEquals(409, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, stripe().requests().stream().filter(r -> r.path().equals("/v1/subscriptions")).count());
        Api.Person second = Api.client(c.admin());
        c.admin().as().body(Map.of("client_id", String.valueOf(second.id()), "product_id", c.membershipId()))
                .post("/api/stripe/create-subscription").then().statusCode(201);
        assertEquals(1, stripe().requests().stream().filter(r -> r.path().equals("/v1/prices")).count());

        // Bad input: not a membership, another client's subscription for a client, another tenant's client.
        c.client().session().as().body(Map.of("product_id", c.studio().productId()))
                .post("/api/stripe/create-subscription").then().statusCode(400)
                .body("details.field", hasItem("product_id"));
        c.client().session().as().body(Map.of("client_id", second.id(), "product_id", c.membershipId()))
                .post("/api/stripe/create-subscription").then().statusCode(403);
        Club other = club();
        other.admin().as().body(Map.of("client_id", c.client().id(), "product_id", other.membershipId()))
                .post("/api/stripe/create-subscription").then().statusCode(404);
        other.admin().as().get("/api/payments/client/" + c.client().id() + "/subscriptions").then().statusCode(404);
    }

    @Test
    void subscriptionEventsInAnyOrderEndActiveWithTheInvoiceInTheLedgerOnce() throws Exception {
        Club c = club();
        JsonPath started = subscribe(c);
        String subId = started.getString("subscription.stripe_subscription_id");
        ObjectNode createdState = stripe().subscription(subId);
        ObjectNode invoice = stripe().payInvoice(subId);
        ObjectNode activeState = stripe().subscription(subId);
        Instant t0 = Instant.now();

        // Newest first: the update, the invoice, and only then the creation (which must not undo the rest).
        String updated = eventId();
        deliver(FakeStripe.event(updated, "customer.subscription.updated", activeState, null, t0.plusSeconds(2)))
                .then().statusCode(200);
        String paidId = eventId();
        String paid = FakeStripe.event(paidId, "invoice.paid", invoice, null, t0.plusSeconds(2));
        deliver(paid).then().statusCode(200);
        String createdId = eventId();
        deliver(FakeStripe.event(createdId, "customer.subscription.created", createdState, null, t0))
                .then().statusCode(200);
        // invoice.paid delivered five more times, some at once.
        for (int i = 0; i < 2; i++) {
            deliver(paid).then().statusCode(200).body("status", equalTo("duplicate"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> concurrent = java.util.Collections.nCopies(3, () -> deliver(paid).statusCode());
            for (Future<Integer> f : pool.invokeAll(concurrent)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // A second invoice.paid event (another id, same invoice) records nothing more.
        deliver(FakeStripe.event(eventId(), "invoice.payment_succeeded", invoice, null, t0.plusSeconds(2)))
                .then().statusCode(200);

        assertTrue(String.valueOf(event(c.studio(), createdId).get("outcome")).startsWith("no change"));
        assertEquals(6, event(c.studio(), paidId).get("deliveries"));
        JsonPath subs = subscriptionOf(c, j -> "active".equals(j.getString("subscriptions[0].status")));
        assertEquals(1, subs.getList("subscriptions").size());
        assertNotNull(subs.getString("subscriptions[0].current_period_end"));
        assertEquals("Monthly unlimited", subs.getString("subscriptions[0].product_name"));
        sleep(1500);
        List<Map<String, Object>> ledger = payments(c);
        assertEquals(1, ledger.size(), ledger.toString());
        assertEquals("membership", ledger.get(0).get("payment_type"));
        assertEquals("succeeded", ledger.get(0).get("status"));
        assertEquals(8900, ledger.get(0).get("amount_minor"));
        c.admin().as().get("/api/payments/client/" + c.client().id() + "/invoices").then().statusCode(200)
                .body("invoices.size()", equalTo(1)).body("invoices[0].status", equalTo("paid"))
                .body("invoices[0].amount_paid", equalTo(89.0f))
                .body("invoices[0].hosted_invoice_url", startsWith("https://invoice.stripe.com/i/"));
        c.admin().as().get("/payments/revenue/dashboard").then().body("total_revenue", equalTo(89.0f))
                .body("revenue_by_type.membership", equalTo(89.0f));
    }

    @Test
    void aFailedInvoiceRemindsTheClientUntilItIsPaid() {
        Club c = club();
        String subId = subscribe(c).getString("subscription.stripe_subscription_id");
        ObjectNode open = stripe().failInvoice(subId);
        String failed = eventId();
        deliver(FakeStripe.event(failed, "invoice.payment_failed", open, null, Instant.now())).then().statusCode(200);
        deliver(FakeStripe.event(eventId(), "customer.subscription.updated", stripe().subscription(subId), null,
                Instant.now())).then().statusCode(200);
        event(c.studio(), failed);
        JsonPath reminders = c.admin().as().get("/api/payments/reminders").then().statusCode(200).extract().jsonPath();
        assertEquals(1, reminders.getInt("total"));
        assertEquals("payment_failed", reminders.getString("reminders[0].kind"));
        assertEquals(89.0f, reminders.getFloat("reminders[0].amount"));
        assertEquals("open", reminders.getString("reminders[0].status"));
        assertNotNull(reminders.get("reminders[0].invoice_id"));
        // The client sees their own; another tenant sees none.
        c.client().session().as().get("/api/payments/reminders").then().statusCode(200).body("total", equalTo(1));
        club().admin().as().get("/api/payments/reminders").then().statusCode(200).body("total", equalTo(0));
        subscriptionOf(c, j -> "past_due".equals(j.getString("subscriptions[0].status")));

        // Paid at last: resolved, and the membership is active again.
        String paid = eventId();
        deliver(FakeStripe.event(paid, "invoice.paid", stripe().payInvoice(subId), null, Instant.now().plusSeconds(1)))
                .then().statusCode(200);
        event(c.studio(), paid);
        c.admin().as().get("/api/payments/reminders").then().body("total", equalTo(0));
        c.admin().as().get("/api/payments/reminders?status=resolved").then().body("total", equalTo(1))
                .body("reminders[0].status", equalTo("resolved"));
        subscriptionOf(c, j -> "active".equals(j.getString("subscriptions[0].status")));
        c.admin().as().get("/api/payments/reminders?status=later").then().statusCode(400)
                .body("details.field", hasItem("status"));
    }

    @Test
    void aMembershipIsCanceledAtPeriodEndOrNowAndStaysCanceled() {
        Club c = club();
        JsonPath started = subscribe(c);
        long id = started.getLong("subscription.id");
        String subId = started.getString("subscription.stripe_subscription_id");
        stripe().payInvoice(subId);
        ObjectNode active = stripe().subscription(subId);

        c.client().session().as().body(Map.of("subscription_id", String.valueOf(id)))
                .post("/api/stripe/cancel-subscription").then().statusCode(200)
                .body("subscription.cancel_at_period_end", equalTo(true))
                .body("subscription.status", equalTo("active"))
                .body("message", equalTo("Subscription cancels at the end of the period"));
        FakeStripe.Request update = stripe().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/v1/subscriptions/" + subId))
                .findFirst().orElseThrow();
        assertEquals("subscription-" + id + "-cancel-at-period-end", update.idempotencyKey());

        c.admin().as().body(Map.of("subscription_id", subId, "at_period_end", "false"))
                .post("/api/stripe/cancel-subscription").then().statusCode(200)
                .body("subscription.status", equalTo("canceled")).body("message", equalTo("Subscription canceled"));
        c.admin().as().body(Map.of("subscription_id", subId, "at_period_end", false))
                .post("/api/stripe/cancel-subscription").then().statusCode(409);
        // An old "active" event arriving late does not bring it back.
        String late = eventId();
        deliver(FakeStripe.event(late, "customer.subscription.updated", active, null, Instant.now().plusSeconds(5)))
                .then().statusCode(200);
        assertTrue(String.valueOf(event(c.studio(), late).get("outcome")).contains("has ended"));
        subscriptionOf(c, j -> "canceled".equals(j.getString("subscriptions[0].status")));

        // Ended: the client may subscribe again.
        subscribe(c);
        c.admin().as().body(Map.of()).post("/api/stripe/cancel-subscription").then().statusCode(400)
                .body("details.field", hasItem("subscription_id"));
        club().admin().as().body(Map.of("subscription_id", String.valueOf(id)))
                .post("/api/stripe/cancel-subscription").then().statusCode(404);
    }

    @Test
    void checkoutPaysForAPackageOnceWhicheverEventComesFirst() {
        Club c = club();
        c.client().session().as().body(Map.of("product_id", c.studio().productId(),
                        "success_url", "https://evil.example/phish")).post("/api/stripe/checkout-session").then()
                .statusCode(400).body("details.field", hasItem("success_url"));
        JsonPath created = c.client().session().as().body(Map.of("product_id", String.valueOf(c.studio().productId())))
                .post("/api/stripe/checkout-session").then().statusCode(201).body("mode", equalTo("payment"))
                .body("url", startsWith("https://checkout.stripe.com/c/pay/cs_test_")).extract().jsonPath();
        long paymentId = created.getLong("payment_id");
        String sessionId = created.getString("session_id");
        FakeStripe.Request request = stripe().requests().stream()
                .filter(r -> r.path().equals("/v1/checkout/sessions")).findFirst().orElseThrow();
        assertEquals("checkout-payment-" + paymentId, request.idempotencyKey());
        assertEquals("25000", request.form().get("line_items[0][price_data][unit_amount]"));
        assertEquals(c.studio().account(), request.form().get("payment_intent_data[transfer_data][destination]"));
        assertTrue(request.form().get("success_url").contains("session_id={CHECKOUT_SESSION_ID}"));
        assertEquals("pending", StripePaymentsTest.payment(c.studio(), paymentId).getString("status"));

        ObjectNode session = stripe().completeCheckout(sessionId);
        ObjectNode intent = stripe().object(session.get("payment_intent").asText());
        String completed = eventId();
        deliver(FakeStripe.event(completed, "checkout.session.completed", session, null, Instant.now()))
                .then().statusCode(200);
        String succeeded = eventId();
        deliver(FakeStripe.event(succeeded, "payment_intent.succeeded", intent, null, Instant.now()))
                .then().statusCode(200);
        event(c.studio(), completed);
        event(c.studio(), succeeded);
        JsonPath payment = StripePaymentsTest.payment(c.studio(), paymentId);
        assertEquals("succeeded", payment.getString("status"));
        assertEquals(intent.get("id").asText(), payment.getString("stripe_payment_intent_id"));
        c.admin().as().get("/api/payments/client/" + c.client().id() + "/packages").then()
                .body("packages.size()", equalTo(1)).body("packages[0].sessions_remaining", equalTo(5));
        assertEquals(1, payments(c).size());
    }

    @Test
    void checkoutSubscribesToAMembership() {
        Club c = club();
        JsonPath created = c.client().session().as().body(Map.of("product_id", c.membershipId(),
                        "success_url", "http://localhost:8080/portal.html?paid={CHECKOUT_SESSION_ID}"))
                .post("/api/stripe/checkout-session").then().statusCode(201).body("mode", equalTo("subscription"))
                .extract().jsonPath();
        long subscriptionId = created.getLong("subscription_id");
        FakeStripe.Request request = stripe().requests().stream()
                .filter(r -> r.path().equals("/v1/checkout/sessions")).findFirst().orElseThrow();
        assertEquals("checkout-subscription-" + subscriptionId, request.idempotencyKey());
        assertEquals(String.valueOf(subscriptionId), request.form().get("subscription_data[metadata][subscription_id]"));

        ObjectNode session = stripe().completeCheckout(created.getString("session_id"));
        String subId = session.get("subscription").asText();
        // The subscription's events before the session's: one row all the same.
        deliver(FakeStripe.event(eventId(), "customer.subscription.created", stripe().subscription(subId), null,
                Instant.now())).then().statusCode(200);
        String completed = eventId();
        deliver(FakeStripe.event(completed, "checkout.session.completed", session, null, Instant.now()))
                .then().statusCode(200);
        event(c.studio(), completed);
        JsonPath subs = subscriptionOf(c, j -> "active".equals(j.getString("subscriptions[0].status")));
        assertEquals(1, subs.getList("subscriptions").size());
        assertEquals(subscriptionId, subs.getLong("subscriptions[0].id"));
        assertEquals(subId, subs.getString("subscriptions[0].stripe_subscription_id"));
    }

    @Test
    void overduePaymentsGetOneReminderHoweverOftenTheScanRuns() {
        Club c = club();
        long due = PaymentLedgerTest.pay(c.admin(), c.client().id(), Map.of("amount", "40", "status", "pending",
                "method", "bank_transfer", "due_date", LocalDate.now().minusDays(3).toString()))
                .getLong("payment.id");
        PaymentLedgerTest.pay(c.admin(), c.client().id(), Map.of("amount", "40", "status", "pending",
                "method", "bank_transfer", "due_date", LocalDate.now().plusDays(3).toString()));
        reminders.scan();
        reminders.scan();
        JsonPath list = c.admin().as().get("/api/payments/reminders?client_id=" + c.client().id()).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, list.getInt("total"));
        assertEquals("invoice_overdue", list.getString("reminders[0].kind"));
        assertEquals(due, list.getLong("reminders[0].payment_id"));
        // Paid by hand: the next scan resolves it.
        c.admin().as().body(Map.of("status", "succeeded")).put("/api/payments/" + due).then().statusCode(200);
        reminders.scan();
        c.admin().as().get("/api/payments/reminders").then().body("total", equalTo(0));
    }

    @Test
    void stripeDownLeavesNoHalfMadeSubscription() {
        Club c = club();
        stripe().reset();
        stripe().failNext(4, 500, "api_error", null);
        // Tried four times with the same key, then a clear 503.
        c.client().session().as().body(Map.of("product_id", c.membershipId())).post("/api/stripe/create-subscription")
                .then().statusCode(503).body("code", equalTo("stripe_unavailable"));
        List<FakeStripe.Request> tries = stripe().requests();
        assertEquals(4, tries.size(), tries.toString());
        assertEquals(1, tries.stream().map(FakeStripe.Request::idempotencyKey).distinct().count(), tries.toString());
        subscriptionOf(c, j -> j.getList("subscriptions").isEmpty());
        stripe().reset();
        // Up again (once the breaker, if these failures opened it, lets calls through): it works.
        Instant deadline = Instant.now().plusSeconds(20);
        int status = 0;
        while (status != 201 && Instant.now().isBefore(deadline)) {
            status = c.client().session().as().body(Map.of("product_id", c.membershipId()))
                    .post("/api/stripe/create-subscription").statusCode();
            if (status != 201) {
                sleep(500);
            }
        }
        assertEquals(201, status);
        subscriptionOf(c, j -> j.getList("subscriptions").size() == 1);
    }
}
