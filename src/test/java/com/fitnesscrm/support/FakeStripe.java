package com.fitnesscrm.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A local Stripe that speaks the wire format the official SDK uses (docs.stripe.com, API reference): form-encoded
 * requests with nested keys ({@code metadata[k]=v}), {@code Authorization: Bearer sk_…}, {@code Stripe-Account},
 * JSON objects with {@code "object"} names, errors as {@code {"error": {type, code, message}}} with their HTTP
 * status, and idempotency: a key's first answer is replayed for the same parameters, and the same key with other
 * parameters is an {@code idempotency_error}. Failures can be scripted (a 500, a 429, a declined card) for the next
 * calls. Webhook events are built and signed as Stripe documents ({@code t=<unix>,v1=<hex HMAC-SHA256>}).
 */
public final class FakeStripe {

    public static final String SECRET_KEY = "sk_test_fitnesscrm_fake";
    public static final String WEBHOOK_SECRET = "whsec_test_fitnesscrm_0123456789abcdef";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received: for assertions on keys, headers and counts. */
    public record Request(String method, String path, String idempotencyKey, String account, Map<String, String> form) {
    }

    private record Answer(String paramsSignature, int status, String body) {
    }

    private record Scripted(int status, String type, String code, String message) {
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Answer> idempotent = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private final Deque<Scripted> failures = new ArrayDeque<>();
    private final Map<String, Map<String, String>> sessionExtras = new ConcurrentHashMap<>();

    public FakeStripe() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void reset() {
        requests.clear();
        synchronized (failures) {
            failures.clear();
        }
    }

    /** The next {@code times} calls fail with this status and error (type and code as Stripe names them). */
    public void failNext(int times, int status, String type, String code) {
        synchronized (failures) {
            for (int i = 0; i < times; i++) {
                failures.add(new Scripted(status, type, code, "Scripted " + code));
            }
        }
    }

    /** A copy of an object as this Stripe holds it (a PaymentIntent, a refund …). */
    public ObjectNode object(String id) {
        return objects.get(id).deepCopy();
    }

    /** The customer pays: the intent succeeds, with a charge. */
    public ObjectNode succeed(String intentId) {
        ObjectNode intent = objects.get(intentId);
        intent.put("status", "succeeded");
        intent.put("latest_charge", "ch_" + shortId());
        intent.putNull("last_payment_error");
        return intent.deepCopy();
    }

    /** The card is declined: the intent goes back to requires_payment_method with the error. */
    public ObjectNode decline(String intentId) {
        ObjectNode intent = objects.get(intentId);
        intent.put("status", "requires_payment_method");
        ObjectNode error = intent.putObject("last_payment_error");
        error.put("type", "card_error");
        error.put("code", "card_declined");
        error.put("decline_code", "insufficient_funds");
        error.put("message", "Your card has insufficient funds.");
        return intent.deepCopy();
    }

    /** A charge of the intent with {@code refunded} minor units refunded (as charge.refunded carries it). */
    public ObjectNode charge(String intentId, long refunded) {
        ObjectNode intent = objects.get(intentId);
        ObjectNode charge = JSON.createObjectNode();
        charge.put("id", intent.path("latest_charge").asText("ch_" + shortId()));
        charge.put("object", "charge");
        charge.put("amount", intent.get("amount").asLong());
        charge.put("amount_refunded", refunded);
        charge.put("currency", intent.get("currency").asText());
        charge.put("payment_intent", intentId);
        charge.put("refunded", refunded >= intent.get("amount").asLong());
        ObjectNode refunds = charge.putObject("refunds");
        refunds.put("object", "list");
        refunds.putArray("data");
        refunds.put("has_more", false);
        refunds.put("url", "/v1/charges/" + charge.get("id").asText() + "/refunds");
        return charge;
    }

    // ---- webhooks ----

    /** An event as Stripe sends it, of this API version. {@code account}: a Connect event's account, or null. */
    public static String event(String id, String type, ObjectNode object, String account, Instant created) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", created.getEpochSecond());
        event.put("type", type);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        if (account != null) {
            event.put("account", account);
        }
        event.putObject("data").set("object", object);
        ObjectNode request = event.putObject("request");
        request.putNull("id");
        request.putNull("idempotency_key");
        return event.toString();
    }

    /** The Stripe-Signature header for {@code payload} signed at {@code timestamp} with {@code secret}. */
    public static String sign(String payload, String secret, Instant timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = timestamp.getEpochSecond() + "." + payload;
            return "t=" + timestamp.getEpochSecond() + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the API ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = parseForm(body.isEmpty() ? exchange.getRequestURI().getRawQuery() : body);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String account = exchange.getRequestHeaders().getFirst("Stripe-Account");
            requests.add(new Request(method, path, key, account, form));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + SECRET_KEY).equals(auth)) {
                respond(exchange, 401, error("invalid_request_error", null, "Invalid API Key provided"));
                return;
            }
            Scripted failure;
            synchronized (failures) {
                failure = failures.poll();
            }
            if (failure != null) {
                respond(exchange, failure.status(), error(failure.type(), failure.code(), failure.message()));
                return;
            }
            String signature = method + " " + path + " " + new TreeMap<>(form);
            if (key != null && "POST".equals(method)) {
                Answer first = idempotent.get(key);
                if (first != null) {
                    if (!first.paramsSignature().equals(signature)) {
                        respond(exchange, 400, error("idempotency_error", "idempotency_key_in_use",
                                "Keys for idempotent requests can only be used with the same parameters they were"
                                        + " first used with."));
                        return;
                    }
                    exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
                    respond(exchange, first.status(), first.body());
                    return;
                }
            }
            Answer answer = route(method, path, form);
            if (key != null && "POST".equals(method) && answer.status() < 500) {
                idempotent.putIfAbsent(key, new Answer(signature, answer.status(), answer.body()));
            }
            respond(exchange, answer.status(), answer.body());
        } catch (RuntimeException e) {
            respond(exchange, 500, error("api_error", null, "Fake Stripe failed: " + e));
        }
    }

    private Answer route(String method, String path, Map<String, String> form) {
        String[] parts = path.split("/");
        if ("POST".equals(method) && "/v1/customers".equals(path)) {
            ObjectNode c = created("cus_", "customer");
            c.put("email", form.get("email"));
            c.put("name", form.get("name"));
            c.set("metadata", metadata(form));
            return ok(c);
        }
        if ("POST".equals(method) && "/v1/payment_intents".equals(path)) {
            long amount = Long.parseLong(form.getOrDefault("amount", "0"));
            if (amount < 50) {
                return new Answer("", 400, error("invalid_request_error", "amount_too_small",
                        "Amount must be at least 50 cents"));
            }
            ObjectNode pi = created("pi_", "payment_intent");
            pi.put("amount", amount);
            pi.put("currency", form.get("currency"));
            pi.put("customer", form.get("customer"));
            pi.put("description", form.get("description"));
            pi.put("status", "requires_payment_method");
            pi.put("client_secret", pi.get("id").asText() + "_secret_" + shortId());
            pi.put("on_behalf_of", form.get("on_behalf_of"));
            pi.putObject("transfer_data").put("destination", form.get("transfer_data[destination]"));
            if (form.containsKey("application_fee_amount")) {
                pi.put("application_fee_amount", Long.parseLong(form.get("application_fee_amount")));
            } else {
                pi.putNull("application_fee_amount");
            }
            pi.putNull("latest_charge");
            pi.putNull("last_payment_error");
            pi.set("metadata", metadata(form));
            return ok(pi);
        }
        if ("GET".equals(method) && parts.length == 4 && "payment_intents".equals(parts[2])) {
            ObjectNode pi = objects.get(parts[3]);
            return pi == null ? missing(parts[3]) : new Answer("", 200, pi.toString());
        }
        if ("POST".equals(method) && "/v1/refunds".equals(path)) {
            ObjectNode pi = objects.get(form.get("payment_intent"));
            if (pi == null) {
                return missing(form.get("payment_intent"));
            }
            long amount = Long.parseLong(form.getOrDefault("amount", pi.get("amount").asText()));
            long refunded = pi.path("amount_refunded").asLong(0);
            if (amount + refunded > pi.get("amount").asLong()) {
                return new Answer("", 400, error("invalid_request_error", "charge_already_refunded",
                        "Refund amount is greater than unrefunded amount on charge"));
            }
            pi.put("amount_refunded", amount + refunded);
            ObjectNode refund = created("re_", "refund");
            refund.put("amount", amount);
            refund.put("currency", pi.get("currency").asText());
            refund.put("payment_intent", pi.get("id").asText());
            refund.put("charge", pi.path("latest_charge").asText());
            refund.put("status", "succeeded");
            refund.set("metadata", metadata(form));
            return ok(refund);
        }
        if ("POST".equals(method) && "/v1/accounts".equals(path)) {
            ObjectNode a = created("acct_", "account");
            a.put("type", form.getOrDefault("type", "express"));
            a.put("charges_enabled", false);
            a.put("payouts_enabled", false);
            a.put("details_submitted", false);
            a.set("metadata", metadata(form));
            return ok(a);
        }
        if ("GET".equals(method) && parts.length == 4 && "accounts".equals(parts[2])) {
            ObjectNode a = objects.get(parts[3]);
            return a == null ? missing(parts[3]) : new Answer("", 200, a.toString());
        }
        if ("POST".equals(method) && "/v1/account_links".equals(path)) {
            ObjectNode link = JSON.createObjectNode();
            link.put("object", "account_link");
            link.put("created", Instant.now().getEpochSecond());
            link.put("expires_at", Instant.now().plusSeconds(300).getEpochSecond());
            link.put("url", "https://connect.stripe.com/setup/e/" + form.get("account") + "/" + shortId());
            return new Answer("", 200, link.toString());
        }
        if ("GET".equals(method) && parts.length == 5 && "customers".equals(parts[2])
                && "payment_methods".equals(parts[4])) {
            ObjectNode list = JSON.createObjectNode();
            list.put("object", "list");
            ArrayNode data = list.putArray("data");
            ObjectNode pm = data.addObject();
            pm.put("id", "pm_" + parts[3].substring(4));
            pm.put("object", "payment_method");
            pm.put("type", "card");
            pm.put("customer", parts[3]);
            ObjectNode card = pm.putObject("card");
            card.put("brand", "visa");
            card.put("last4", "4242");
            card.put("exp_month", 12);
            card.put("exp_year", 2030);
            list.put("has_more", false);
            list.put("url", path);
            return new Answer("", 200, list.toString());
        }
        if ("POST".equals(method) && "/v1/prices".equals(path)) {
            ObjectNode price = created("price_", "price");
            price.put("product", form.containsKey("product") ? form.get("product") : "prod_" + shortId());
            price.put("unit_amount", Long.parseLong(form.get("unit_amount")));
            price.put("currency", form.get("currency"));
            price.putObject("recurring").put("interval", form.get("recurring[interval]")).put("interval_count", 1);
            price.set("metadata", metadata(form));
            return ok(price);
        }
        if ("POST".equals(method) && "/v1/subscriptions".equals(path)) {
            ObjectNode price = objects.get(form.get("items[0][price]"));
            if (price == null) {
                return missing(form.get("items[0][price]"));
            }
            ObjectNode sub = subscription(form.get("customer"), price, metadata(form), "incomplete");
            ObjectNode invoice = invoice(sub, price);
            invoice.putObject("confirmation_secret").put("type", "payment_intent")
                    .put("client_secret", "pi_" + shortId() + "_secret_" + shortId());
            sub.put("latest_invoice", invoice.get("id").asText());
            ObjectNode answer = sub.deepCopy();
            if (form.containsValue("latest_invoice.confirmation_secret")) {
                answer.set("latest_invoice", invoice.deepCopy());
            }
            return new Answer("", 200, answer.toString());
        }
        if (parts.length == 4 && "subscriptions".equals(parts[2]) && ("POST".equals(method) || "DELETE".equals(method)
                || "GET".equals(method))) {
            ObjectNode sub = objects.get(parts[3]);
            if (sub == null) {
                return missing(parts[3]);
            }
            if ("DELETE".equals(method)) {
                sub.put("status", "canceled");
                sub.put("canceled_at", Instant.now().getEpochSecond());
                sub.put("ended_at", Instant.now().getEpochSecond());
            } else if ("POST".equals(method) && form.containsKey("cancel_at_period_end")) {
                boolean cancel = Boolean.parseBoolean(form.get("cancel_at_period_end"));
                sub.put("cancel_at_period_end", cancel);
                if (cancel) {
                    sub.put("canceled_at", Instant.now().getEpochSecond());
                    sub.put("cancel_at", sub.at("/items/data/0/current_period_end").asLong());
                }
            }
            return ok(sub);
        }
        if ("POST".equals(method) && "/v1/checkout/sessions".equals(path)) {
            ObjectNode session = created("cs_test_", "checkout.session");
            String mode = form.get("mode");
            session.put("mode", mode);
            session.put("url", "https://checkout.stripe.com/c/pay/" + session.get("id").asText());
            session.put("customer", form.get("customer"));
            session.put("client_reference_id", form.get("client_reference_id"));
            session.put("success_url", form.get("success_url"));
            session.put("cancel_url", form.get("cancel_url"));
            session.put("status", "open");
            session.put("payment_status", "unpaid");
            session.putNull("payment_intent");
            session.putNull("subscription");
            if ("subscription".equals(mode)) {
                ObjectNode price = objects.get(form.get("line_items[0][price]"));
                if (price == null) {
                    return missing(form.get("line_items[0][price]"));
                }
                session.put("amount_total", price.get("unit_amount").asLong());
                session.put("currency", price.get("currency").asText());
            } else {
                session.put("amount_total", Long.parseLong(form.get("line_items[0][price_data][unit_amount]")));
                session.put("currency", form.get("line_items[0][price_data][currency]"));
            }
            session.set("metadata", metadata(form));
            // What the payment or subscription made when it completes will carry (kept out of the answer).
            sessionExtras.put(session.get("id").asText(), Map.copyOf(form));
            return ok(session);
        }
        return new Answer("", 404, error("invalid_request_error", "resource_missing",
                "Unrecognized request URL (" + method + ": " + path + ")"));
    }

    // ---- subscriptions, invoices, Checkout ----

    private ObjectNode subscription(String customer, ObjectNode price, ObjectNode metadata, String status) {
        ObjectNode sub = created("sub_", "subscription");
        sub.put("customer", customer);
        sub.put("status", status);
        sub.put("cancel_at_period_end", false);
        sub.putNull("cancel_at");
        sub.putNull("canceled_at");
        sub.putNull("ended_at");
        sub.set("metadata", metadata);
        ObjectNode items = sub.putObject("items");
        items.put("object", "list");
        ObjectNode item = items.putArray("data").addObject();
        item.put("id", "si_" + shortId());
        item.put("object", "subscription_item");
        long now = Instant.now().getEpochSecond();
        item.put("current_period_start", now);
        item.put("current_period_end", now + ("week".equals(price.at("/recurring/interval").asText()) ? 7 : 30) * 86400L);
        item.set("price", price.deepCopy());
        items.put("has_more", false);
        items.put("url", "/v1/subscription_items?subscription=" + sub.get("id").asText());
        return sub;
    }

    private ObjectNode invoice(ObjectNode sub, ObjectNode price) {
        ObjectNode invoice = created("in_", "invoice");
        invoice.put("customer", sub.get("customer").asText());
        invoice.put("status", "open");
        invoice.put("number", "INV-" + shortId().substring(0, 6).toUpperCase());
        invoice.put("amount_due", price.get("unit_amount").asLong());
        invoice.put("amount_paid", 0);
        invoice.put("currency", price.get("currency").asText());
        invoice.putNull("due_date");
        invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/" + invoice.get("id").asText());
        ObjectNode parent = invoice.putObject("parent");
        parent.put("type", "subscription_details");
        ObjectNode details = parent.putObject("subscription_details");
        details.put("subscription", sub.get("id").asText());
        details.set("metadata", sub.get("metadata").deepCopy());
        invoice.putObject("status_transitions").putNull("paid_at");
        return invoice;
    }

    /** A subscription as Stripe holds it now. */
    public ObjectNode subscription(String id) {
        return object(id);
    }

    /** The first invoice is paid: the invoice is paid, the subscription active (as the two events carry them). */
    public ObjectNode payInvoice(String subscriptionId) {
        ObjectNode sub = objects.get(subscriptionId);
        ObjectNode invoice = objects.get(sub.get("latest_invoice").asText());
        invoice.put("status", "paid");
        invoice.put("amount_paid", invoice.get("amount_due").asLong());
        ((ObjectNode) invoice.get("status_transitions")).put("paid_at", Instant.now().getEpochSecond());
        sub.put("status", "active");
        return invoice.deepCopy();
    }

    /** The invoice's charge fails: it stays open, the subscription goes past due. */
    public ObjectNode failInvoice(String subscriptionId) {
        ObjectNode sub = objects.get(subscriptionId);
        ObjectNode invoice = objects.get(sub.get("latest_invoice").asText());
        sub.put("status", "past_due");
        return invoice.deepCopy();
    }

    /**
     * The customer pays on the Checkout page: a payment's intent succeeds (with the intent data's metadata), or
     * the subscription is created and its first invoice paid. The session as checkout.session.completed carries it.
     */
    public ObjectNode completeCheckout(String sessionId) {
        ObjectNode session = objects.get(sessionId);
        Map<String, String> form = sessionExtras.get(sessionId);
        session.put("status", "complete");
        session.put("payment_status", "paid");
        if ("subscription".equals(session.get("mode").asText())) {
            ObjectNode sub = subscription(session.get("customer").asText(), objects.get(form.get("line_items[0][price]")),
                    prefixed(form, "subscription_data[metadata]["), "active");
            sub.put("latest_invoice", invoice(sub, objects.get(form.get("line_items[0][price]"))).get("id").asText());
            payInvoice(sub.get("id").asText());
            session.put("subscription", sub.get("id").asText());
        } else {
            ObjectNode pi = created("pi_", "payment_intent");
            pi.put("amount", session.get("amount_total").asLong());
            pi.put("currency", session.get("currency").asText());
            pi.put("customer", session.get("customer").asText());
            pi.put("status", "succeeded");
            pi.put("latest_charge", "ch_" + shortId());
            pi.putNull("last_payment_error");
            pi.set("metadata", prefixed(form, "payment_intent_data[metadata]["));
            session.put("payment_intent", pi.get("id").asText());
        }
        return session.deepCopy();
    }

    private static ObjectNode prefixed(Map<String, String> form, String prefix) {
        ObjectNode meta = JSON.createObjectNode();
        form.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.endsWith("]")) {
                meta.put(k.substring(prefix.length(), k.length() - 1), v);
            }
        });
        return meta;
    }

    /** Activates an account, as finishing onboarding would. */
    public ObjectNode activate(String accountId) {
        ObjectNode a = objects.get(accountId);
        a.put("charges_enabled", true);
        a.put("payouts_enabled", true);
        a.put("details_submitted", true);
        return a.deepCopy();
    }

    private ObjectNode created(String prefix, String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", prefix + shortId());
        o.put("object", type);
        o.put("created", Instant.now().getEpochSecond());
        o.put("livemode", false);
        objects.put(o.get("id").asText(), o);
        return o;
    }

    private static Answer ok(ObjectNode o) {
        return new Answer("", 200, o.toString());
    }

    private static Answer missing(String id) {
        return new Answer("", 404, error("invalid_request_error", "resource_missing", "No such object: '" + id + "'"));
    }

    private static ObjectNode metadata(Map<String, String> form) {
        ObjectNode meta = JSON.createObjectNode();
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                meta.put(k.substring(9, k.length() - 1), v);
            }
        });
        return meta;
    }

    private static String error(String type, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        if ("card_declined".equals(code)) {
            error.put("decline_code", "generic_decline");
        }
        error.put("message", message);
        return body.toString();
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new TreeMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(k, v);
        }
        return form;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_" + shortId());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
