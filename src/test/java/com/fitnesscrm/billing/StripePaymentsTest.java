package com.fitnesscrm.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.FakeStripe;
import com.fitnesscrm.support.FakeStripeResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Card payments through the official SDK against the local Stripe, and webhooks signed as Stripe signs them:
 * idempotency keys from our records, exactly-once processing of repeated and concurrent deliveries, events out of
 * order, refunds that never count twice, and Stripe's failures (declines, 500s, the circuit breaker).
 */
@QuarkusTest
class StripePaymentsTest {

    static FakeStripe stripe() {
        return FakeStripeResource.stripe();
    }

    @BeforeEach
    @AfterEach
    void clean() {
        stripe().reset();
    }

    record Studio(Api.Session admin, Api.Person client, String account, long productId) {
    }

    /** An organization that connected its Stripe account, sells a five-pack, and has a client with a login. */
    static Studio studio() {
        Api.Session admin = Api.registerOrganization();
        String account = admin.as().post("/api/stripe/connect/onboarding").then().statusCode(200)
                .body("url", startsWith("https://connect.stripe.com/setup/")).extract().jsonPath()
                .getString("account_id");
        Api.Person client = Api.client(admin);
        long product = PaymentLedgerTest.packageProduct(admin, "250", 5, null);
        return new Studio(admin, client, account, product);
    }

    static JsonPath startPayment(Studio s) {
        return s.client().session().as().body(Map.of("product_id", String.valueOf(s.productId())))
                .post("/api/stripe/create-payment-intent").then().statusCode(201).extract().jsonPath();
    }

    static Response deliver(String payload, String signature) {
        return given().contentType("application/json").header("Stripe-Signature", signature).body(payload)
                .post("/api/stripe/webhook");
    }

    static Response deliver(String payload) {
        return deliver(payload, FakeStripe.sign(payload, FakeStripe.WEBHOOK_SECRET, Instant.now()));
    }

    static String eventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    static JsonPath payment(Studio s, long id) {
        return s.admin().as().get("/api/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath await(Studio s, long paymentId, Predicate<JsonPath> until) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = payment(s, paymentId);
            if (until.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("payment " + paymentId + " never got there: " + (last == null ? "" : last.prettify()));
    }

    static Map<String, Object> event(Studio s, String id) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> events = s.admin().as().get("/api/stripe/events").then().statusCode(200)
                    .extract().jsonPath().getList("events");
            for (Map<String, Object> e : events) {
                if (id.equals(e.get("id")) && !"pending".equals(e.get("status"))) {
                    return e;
                }
            }
            sleep(100);
        }
        throw new AssertionError("event " + id + " was not processed");
    }

    @Test
    void aCardPaymentIsRecordedOnceHoweverOftenAndConcurrentlyItsEventArrives() throws Exception {
        Studio s = studio();
        JsonPath started = startPayment(s);
        long paymentId = started.getLong("payment_id");
        String intentId = started.getString("payment_intent_id");
        assertTrue(started.getString("client_secret").startsWith(intentId + "_secret_"));
        assertEquals("pk_test_fitnesscrm_fake", started.getString("publishable_key"));
        assertEquals("pending", payment(s, paymentId).getString("status"));

        FakeStripe.Request created = stripe().requests().stream()
                .filter(r -> r.path().equals("/v1/payment_intents")).findFirst().orElseThrow();
        assertEquals("payment-" + paymentId, created.idempotencyKey());
        assertEquals("25000", created.form().get("amount"));
        assertEquals("usd", created.form().get("currency"));
        assertEquals(s.account(), created.form().get("transfer_data[destination]"));
        assertEquals(String.valueOf(paymentId), created.form().get("metadata[payment_id]"));
        assertTrue(stripe().requests().stream().anyMatch(r -> r.path().equals("/v1/customers")
                && ("customer-" + s.client().id()).equals(r.idempotencyKey())));

        String id = eventId();
        String payload = FakeStripe.event(id, "payment_intent.succeeded", stripe().succeed(intentId), null,
                Instant.now());
        deliver(payload).then().statusCode(200).body("received", equalTo(true)).body("event_id", equalTo(id));
        for (int i = 0; i < 4; i++) {
            deliver(payload).then().statusCode(200).body("status", equalTo("duplicate"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<Integer>> concurrent = java.util.Collections.nCopies(5, () -> deliver(payload).statusCode());
            for (Future<Integer> f : pool.invokeAll(concurrent)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        await(s, paymentId, p -> "succeeded".equals(p.getString("status")));
        Map<String, Object> record = event(s, id);
        assertEquals("processed", record.get("status"));
        assertEquals(10, record.get("deliveries"));
        sleep(1500);
        // Once: one package, the money once.
        s.admin().as().get("/api/payments/client/" + s.client().id() + "/packages").then()
                .body("packages.size()", equalTo(1)).body("packages[0].sessions_remaining", equalTo(5));
        s.admin().as().get("/payments/revenue/dashboard").then().body("total_revenue", equalTo(250.0f))
                .body("total_payments", equalTo(1));
        // confirm-payment after the webhook changes nothing.
        s.client().session().as().body(Map.of("payment_intent_id", intentId)).post("/api/stripe/confirm-payment")
                .then().statusCode(200).body("payment.status", equalTo("succeeded"));
        s.admin().as().get("/api/payments/client/" + s.client().id() + "/packages").then()
                .body("packages.size()", equalTo(1));
    }

    @Test
    void aWebhookIsReadOnlyWithAValidFreshSignature() {
        Studio s = studio();
        JsonPath started = startPayment(s);
        String payload = FakeStripe.event(eventId(), "payment_intent.succeeded",
                stripe().succeed(started.getString("payment_intent_id")), null, Instant.now());
        deliver(payload, FakeStripe.sign(payload, "whsec_someone_else", Instant.now())).then().statusCode(400)
                .contentType("application/json").body("code", equalTo("invalid_signature"));
        deliver(payload, FakeStripe.sign(payload, FakeStripe.WEBHOOK_SECRET, Instant.now().minusSeconds(360)))
                .then().statusCode(400).body("code", equalTo("invalid_signature"));
        deliver(payload.replace("25000", "25001"), FakeStripe.sign(payload, FakeStripe.WEBHOOK_SECRET, Instant.now()))
                .then().statusCode(400);
        given().contentType("application/json").body(payload).post("/api/stripe/webhook").then().statusCode(400)
                .body("error", equalTo("The Stripe-Signature header is missing"));
        given().contentType("application/json").body("not json").header("Stripe-Signature",
                FakeStripe.sign("not json", FakeStripe.WEBHOOK_SECRET, Instant.now())).post("/api/stripe/webhook")
                .then().statusCode(400).body("code", equalTo("malformed_event"));
        sleep(1500);
        assertEquals("pending", payment(s, started.getLong("payment_id")).getString("status"));
        s.admin().as().get("/api/stripe/events").then().statusCode(200).body("events.size()", equalTo(0));
    }

    @Test
    void eventsOutOfOrderEndInTheRightState() {
        Studio s = studio();
        JsonPath started = startPayment(s);
        long paymentId = started.getLong("payment_id");
        String intentId = started.getString("payment_intent_id");
        ObjectNode succeeded = stripe().succeed(intentId);
        // The refund's event first: it waits (retried) for the payment to be received.
        String refundedId = eventId();
        deliver(FakeStripe.event(refundedId, "charge.refunded", stripe().charge(intentId, 5000), null,
                Instant.now())).then().statusCode(200);
        // An older failure arrives after the success: it changes nothing.
        ObjectNode declined = succeeded.deepCopy();
        declined.put("status", "requires_payment_method");
        declined.putObject("last_payment_error").put("message", "Your card was declined.");
        deliver(FakeStripe.event(eventId(), "payment_intent.succeeded", succeeded, null, Instant.now()))
                .then().statusCode(200);
        // Received (the waiting refund may already have followed).
        await(s, paymentId, p -> p.getString("status").matches("succeeded|partially_refunded"));
        String failedId = eventId();
        deliver(FakeStripe.event(failedId, "payment_intent.payment_failed", declined, null,
                Instant.now().minusSeconds(30))).then().statusCode(200);
        assertTrue(String.valueOf(event(s, failedId).get("outcome")).startsWith("no change"));
        JsonPath refunded = await(s, paymentId, p -> "partially_refunded".equals(p.getString("status")));
        assertEquals(5000, refunded.getInt("refunded_minor"));
        assertEquals("processed", event(s, refundedId).get("status"));
    }

    @Test
    void aPaymentWhoseRecordIsMissingIsRebuiltFromTheIntentsMetadata() {
        Studio s = studio();
        // Our pending row was lost (a crash between Stripe's answer and our write): the event rebuilds it.
        ObjectNode intent = stripe().succeed(startPayment(s).getString("payment_intent_id"));
        intent.put("id", "pi_rebuilt_" + UUID.randomUUID().toString().substring(0, 8));
        ((ObjectNode) intent.get("metadata")).remove("payment_id");
        String id = eventId();
        deliver(FakeStripe.event(id, "payment_intent.succeeded", intent, null, Instant.now())).then().statusCode(200);
        event(s, id);
        s.admin().as().get("/api/payments?status=succeeded").then().body("total", equalTo(1))
                .body("payments[0].stripe_payment_intent_id", equalTo(intent.get("id").asText()))
                .body("payments[0].client_id", equalTo((int) s.client().id()));
        // Another organization's intent, or an unknown account's event, touches nothing.
        Studio other = studio();
        ObjectNode foreign = intent.deepCopy();
        foreign.put("id", "pi_foreign_" + UUID.randomUUID().toString().substring(0, 8));
        String foreignId = eventId();
        deliver(FakeStripe.event(foreignId, "payment_intent.succeeded", foreign, other.account(), Instant.now()))
                .then().statusCode(200);
        assertTrue(String.valueOf(event(other, foreignId).get("outcome")).contains("another organization"));
        deliver(FakeStripe.event(eventId(), "payment_intent.succeeded", foreign, "acct_nobody", Instant.now()))
                .then().statusCode(200).body("status", equalTo("ignored"));
        s.admin().as().get("/api/payments?status=succeeded").then().body("total", equalTo(1));
    }

    @Test
    void aPartialRefundGoesThroughStripeOnceAndItsEventAddsNothing() {
        Studio s = studio();
        JsonPath started = startPayment(s);
        long paymentId = started.getLong("payment_id");
        String intentId = started.getString("payment_intent_id");
        deliver(FakeStripe.event(eventId(), "payment_intent.succeeded", stripe().succeed(intentId), null,
                Instant.now())).then().statusCode(200);
        await(s, paymentId, p -> "succeeded".equals(p.getString("status")));

        s.admin().as().body(Map.of("payment_id", paymentId, "amount", "300")).post("/api/stripe/refund").then()
                .statusCode(400).body("details.field", hasItem("amount"));
        s.client().session().as().body(Map.of("payment_id", paymentId, "amount", "10")).post("/api/stripe/refund")
                .then().statusCode(403);
        s.admin().as().body(Map.of("payment_id", paymentId, "amount", "100", "reason", "Moved away"))
                .post("/api/stripe/refund").then().statusCode(200)
                .body("payment.status", equalTo("partially_refunded")).body("payment.refunded_amount", equalTo(100.0f));
        FakeStripe.Request refund = stripe().requests().stream().filter(r -> r.path().equals("/v1/refunds"))
                .findFirst().orElseThrow();
        assertTrue(refund.idempotencyKey().startsWith("refund-"), refund.idempotencyKey());
        assertEquals("10000", refund.form().get("amount"));
        assertEquals(1, stripe().requests().stream().filter(r -> r.path().equals("/v1/refunds")).count());
        // Stripe's charge.refunded for the same refund: the total stays 100.
        String id = eventId();
        deliver(FakeStripe.event(id, "charge.refunded", stripe().charge(intentId, 10000), null, Instant.now()))
                .then().statusCode(200);
        event(s, id);
        assertEquals(10000, payment(s, paymentId).getInt("refunded_minor"));
        s.admin().as().get("/payments/revenue/dashboard").then().body("total_revenue", equalTo(150.0f));
        // A hand refund of a Stripe payment is refused: it goes through Stripe.
        s.admin().as().body(Map.of("amount", "5")).post("/api/payments/" + paymentId + "/refund").then()
                .statusCode(409);
    }

    @Test
    void transientFailuresAreRetriedWithTheSameKeyAndDeclinesAreNot() {
        Studio s = studio();
        stripe().reset();
        stripe().failNext(2, 500, "api_error", null);
        JsonPath started = startPayment(s);
        List<FakeStripe.Request> attempts = stripe().requests().stream()
                .filter(r -> r.path().equals("/v1/customers") || r.path().equals("/v1/payment_intents")).toList();
        // Two 500s on the customer, then the customer and the intent; each retry reused its key.
        assertEquals(4, attempts.size(), attempts.toString());
        assertEquals(1, attempts.stream().map(FakeStripe.Request::idempotencyKey).filter(k -> k.startsWith("customer-"))
                .distinct().count());
        assertEquals("payment-" + started.getLong("payment_id"), attempts.get(3).idempotencyKey());

        stripe().failNext(1, 402, "card_error", "card_declined");
        s.client().session().as().body(Map.of("amount", "20")).post("/api/stripe/create-payment-intent").then()
                .statusCode(402).contentType("application/json").body("code", equalTo("card_declined"));
        stripe().failNext(1, 400, "invalid_request_error", "amount_too_small");
        s.client().session().as().body(Map.of("amount", "0.10")).post("/api/stripe/create-payment-intent").then()
                .statusCode(400);
        // Nothing half-made: only the started payment exists.
        s.admin().as().get("/api/payments").then().body("total", equalTo(1));
        // Bad input never reaches Stripe.
        int before = stripe().requests().size();
        s.client().session().as().body(Map.of("amount", "-5")).post("/api/stripe/create-payment-intent").then()
                .statusCode(400).body("details.field", hasItem("amount"));
        s.client().session().as().body(Map.of("amount", "5", "currency", "EUR"))
                .post("/api/stripe/create-payment-intent").then().statusCode(400)
                .body("details.field", hasItem("currency"));
        assertEquals(before, stripe().requests().size());
    }

    @Test
    void stripeDownOpensTheBreakerAnswers503AndItClosesAgain() {
        Studio s = studio();
        stripe().reset();
        stripe().failNext(1000, 500, "api_error", null);
        boolean opened = false;
        for (int i = 0; i < 6 && !opened; i++) {
            Response r = s.client().session().as().body(Map.of("amount", "20"))
                    .post("/api/stripe/create-payment-intent");
            assertEquals(503, r.statusCode(), r.asString());
            assertEquals("30", r.header("Retry-After"));
            opened = "dependency_unavailable".equals(r.jsonPath().getString("code"));
        }
        assertTrue(opened, "the circuit breaker opened");
        int calls = stripe().requests().size();
        s.client().session().as().body(Map.of("amount", "20")).post("/api/stripe/create-payment-intent").then()
                .statusCode(503);
        assertEquals(calls, stripe().requests().size(), "an open breaker does not call Stripe");
        s.admin().as().get("/api/payments").then().body("total", equalTo(0));

        stripe().reset();
        Instant deadline = Instant.now().plusSeconds(20);
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 201) {
            sleep(500);
            status = s.client().session().as().body(Map.of("amount", "20")).post("/api/stripe/create-payment-intent")
                    .statusCode();
        }
        assertEquals(201, status, "the breaker closed again once Stripe answered");
    }

    @Test
    void adminsSeeTheirEventsAndReplayAnIgnoredOne() {
        Studio s = studio();
        String id = eventId();
        ObjectNode account = stripe().activate(s.account());
        deliver(FakeStripe.event(id, "account.updated", account, s.account(), Instant.now())).then().statusCode(200);
        assertEquals("processed", event(s, id).get("status"));
        s.admin().as().get("/api/billing/account").then().body("charges_enabled", equalTo(true));
        // An older state of the account, arriving later, does not undo it.
        ObjectNode older = account.deepCopy().put("charges_enabled", false);
        deliver(FakeStripe.event(eventId(), "account.updated", older, s.account(), Instant.now().minusSeconds(60)))
                .then().statusCode(200);
        sleep(2000);
        s.admin().as().get("/api/billing/account").then().body("charges_enabled", equalTo(true));

        String unhandled = eventId();
        deliver(FakeStripe.event(unhandled, "customer.created", account, s.account(), Instant.now())).then()
                .statusCode(200);
        assertEquals("ignored", event(s, unhandled).get("status"));
        s.admin().as().post("/api/stripe/events/" + unhandled + "/replay").then().statusCode(200)
                .body("status", equalTo("pending"));
        assertEquals("ignored", event(s, unhandled).get("status"));
        s.admin().as().post("/api/stripe/events/" + id + "/replay").then().statusCode(409);
        Studio other = studio();
        other.admin().as().post("/api/stripe/events/" + unhandled + "/replay").then().statusCode(404);
        other.admin().as().get("/api/stripe/events").then().body("events.id", org.hamcrest.Matchers.not(hasItem(id)));
        s.client().session().as().get("/api/stripe/events").then().statusCode(403);
        given().get("/api/stripe/config").then().statusCode(200).body("publishable_key", equalTo("pk_test_fitnesscrm_fake"));
        s.client().session().as().get("/api/stripe/payment-methods/" + s.client().id()).then().statusCode(200);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
