package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.domain.StripeEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.observability.ErrorReporter;
import com.fitnesscrm.common.observability.JobMonitor;
import com.fitnesscrm.common.observability.LogSafe;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stripe's webhook: verified, stored, answered, then processed.
 *
 * <p>Intake verifies the {@code Stripe-Signature} header against the raw body before reading anything (Stripe's
 * own {@link Webhook#constructEvent}: HMAC-SHA256 of {@code t.body}, any {@code v1}, the tolerance), then stores the
 * event under its id in one statement: a redelivery, concurrent or not, only counts a delivery. The answer is
 * immediate; the work is done by {@link #processDue}, on any replica.
 *
 * <p>Processing takes one pending event at a time with {@code FOR UPDATE SKIP LOCKED} and applies it in the same
 * transaction that marks it processed: an event's effect is committed exactly once, however many replicas and
 * deliveries there are. A failure rolls both back; the event is tried again with backoff, and reported when it
 * gives up.
 */
@ApplicationScoped
public class StripeWebhooks {

    private static final Logger LOG = Logger.getLogger(StripeWebhooks.class);
    static final String JOB = "stripe-events";
    static final int MAX_ATTEMPTS = 8;

    /** What intake made of a delivery. */
    public record Received(String eventId, String status, boolean duplicate) {
    }

    private final StripeConfig config;
    private final StripeEffects effects;
    private final SubscriptionEffects subscriptions;
    private final BillingAccountService accounts;
    private final ErrorReporter reporter;
    private final MeterRegistry metrics;
    private final ManagedExecutor executor;
    private final AtomicBoolean draining = new AtomicBoolean();

    public StripeWebhooks(StripeConfig config, StripeEffects effects, SubscriptionEffects subscriptions,
                          BillingAccountService accounts,
                          ErrorReporter reporter, MeterRegistry metrics, ManagedExecutor executor) {
        this.config = config;
        this.effects = effects;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.reporter = reporter;
        this.metrics = metrics;
        this.executor = executor;
    }

    public Received receive(String payload, String signature, String requestId) {
        String secret = config.webhookSecret().filter(s -> !s.isBlank()).orElseThrow(() -> new ApiException(503,
                "stripe_not_configured", "Webhooks are not set up on this server (STRIPE_WEBHOOK_SECRET)"));
        if (signature == null || signature.isBlank()) {
            count("unsigned");
            throw ApiException.badRequest("invalid_signature", "The Stripe-Signature header is missing");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, secret, config.webhookTolerance().toSeconds());
        } catch (SignatureVerificationException e) {
            count("bad_signature");
            throw ApiException.badRequest("invalid_signature", "The Stripe-Signature header does not verify"
                    + " (wrong secret, altered body, or a timestamp outside the tolerance)");
        } catch (RuntimeException e) {
            count("malformed");
            throw ApiException.badRequest("malformed_event", "The body is not a Stripe event");
        }
        if (event.getId() == null || event.getType() == null || event.getCreated() == null) {
            count("malformed");
            throw ApiException.badRequest("malformed_event", "The event has no id, type or created time");
        }
        Long organization = null;
        String status = StripeEvent.PENDING;
        String outcome = null;
        if (event.getAccount() != null) {
            organization = accounts.organizationOfAccount(event.getAccount()).orElse(null);
            if (organization == null) {
                status = StripeEvent.IGNORED;
                outcome = "ignored: account " + event.getAccount() + " belongs to no organization";
            }
        }
        // A platform event names its organization in the metadata we gave its object: listed (and replayable)
        // there from the start, even when it fails. Checked against our organizations in the insert itself.
        Long claimed = event.getAccount() == null ? metadataOrganization(event) : null;
        Long org = organization;
        String stored = status;
        String result = outcome;
        // Stored or counted in one statement: a concurrent delivery of the same id waits on the row, then counts.
        int inserted = QuarkusTransaction.requiringNew().call(() -> StripeEvent.getEntityManager()
                .createNativeQuery("insert into stripe_events (event_id, organization_id, account_id, type,"
                        + " stripe_created, payload, status, outcome, request_id, processed_at)"
                        + " values (?1, coalesce(?2, (select id from organizations where id = ?10)), ?3, ?4, ?5, ?6,"
                        + " ?7, ?8, ?9, case when ?7 = 'pending' then null else now() end)"
                        + " on conflict (event_id) do update set deliveries = stripe_events.deliveries + 1"
                        + " returning (xmax = 0)::int")
                .setParameter(1, event.getId()).setParameter(2, org).setParameter(3, event.getAccount())
                .setParameter(4, event.getType())
                .setParameter(5, java.sql.Timestamp.from(Instant.ofEpochSecond(event.getCreated())))
                .setParameter(6, payload).setParameter(7, stored).setParameter(8, result)
                .setParameter(9, requestId).setParameter(10, claimed == null ? -1L : claimed)
                .getSingleResult() instanceof Number n ? n.intValue() : 0);
        boolean duplicate = inserted == 0;
        count(duplicate ? "duplicate" : stored);
        if (!duplicate && StripeEvent.PENDING.equals(stored)) {
            kick();
        }
        return new Received(event.getId(), duplicate ? "duplicate" : stored, duplicate);
    }

    /** The organization_id in the metadata of the event's object (or of an invoice's subscription), if any. */
    private static Long metadataOrganization(Event event) {
        try {
            com.google.gson.JsonObject object = com.google.gson.JsonParser.parseString(
                    event.getDataObjectDeserializer().getRawJson()).getAsJsonObject();
            com.google.gson.JsonElement meta = object.get("metadata");
            if ((meta == null || !meta.isJsonObject()) && object.get("parent") instanceof com.google.gson.JsonObject p
                    && p.get("subscription_details") instanceof com.google.gson.JsonObject d) {
                meta = d.get("metadata");
            }
            if (meta instanceof com.google.gson.JsonObject m && m.get("organization_id") != null
                    && m.get("organization_id").isJsonPrimitive()) {
                return StripeEffects.number(m.get("organization_id").getAsString());
            }
        } catch (RuntimeException e) {
            // Not an object with metadata: attributed when processed, if at all.
        }
        return null;
    }

    /** Processes what is due now, off the request thread (one drain at a time on this replica). */
    void kick() {
        if (draining.compareAndSet(false, true)) {
            executor.runAsync(() -> {
                try {
                    drain();
                } finally {
                    draining.set(false);
                }
            });
        }
    }

    /** Every replica polls; SKIP LOCKED shares the events out, and each is applied once. */
    @Scheduled(identity = JOB, every = "${app.stripe.events-interval:2s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void processDue(ScheduledExecution execution) {
        JobMonitor.inRun(execution, this::drain);
    }

    /** Processes due events until none is left (or 500, to let the next run continue). */
    public int drain() {
        int done = 0;
        while (done < 500 && processOne()) {
            done++;
        }
        return done;
    }

    /** Takes the next due event and applies it; false when none is due. */
    boolean processOne() {
        java.util.concurrent.atomic.AtomicReference<String> claimed = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            return QuarkusTransaction.requiringNew().call(() -> claimAndApply(claimed)).isPresent();
        } catch (RuntimeException e) {
            if (claimed.get() == null) {
                throw e;
            }
            // The effect and the mark rolled back together (in the work or at commit); tried again later.
            recordFailure(claimed.get(), e instanceof Failed ? e.getCause() : e);
            return true;
        }
    }

    private record Outcome(String eventId, String status) {
    }

    /** The event that failed, carried out of the rolled-back transaction. */
    private static final class Failed extends RuntimeException {
        final String eventId;

        Failed(String eventId, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.eventId = eventId;
        }
    }

    private Optional<Outcome> claimAndApply(java.util.concurrent.atomic.AtomicReference<String> claimed) {
        @SuppressWarnings("unchecked")
        List<String> due = StripeEvent.getEntityManager().createNativeQuery("select event_id from stripe_events"
                + " where status = 'pending' and next_attempt_at <= now() order by stripe_created, event_id"
                + " limit 1 for update skip locked").getResultList();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        StripeEvent row = StripeEvent.findById(due.get(0));
        claimed.set(row.eventId);
        MDC.put("stripe_event_id", row.eventId);
        MDC.put("request_id", row.requestId == null ? "" : row.requestId);
        try {
            String outcome = apply(row);
            if (row.organizationId == null) {
                row.organizationId = organizationNamed(row);
            }
            row.status = outcome.startsWith("ignored") ? StripeEvent.IGNORED : StripeEvent.PROCESSED;
            row.outcome = outcome.length() > 500 ? outcome.substring(0, 500) : outcome;
            row.error = null;
            row.attempts++;
            row.processedAt = Instant.now();
            // Written now, so that a constraint the effect breaks fails here, inside the handling, not at commit.
            StripeEvent.flush();
            LOG.infof("Stripe event %s (%s): %s", row.eventId, row.type, outcome);
            count(row.status);
            return Optional.of(new Outcome(row.eventId, row.status));
        } catch (RuntimeException e) {
            throw new Failed(row.eventId, e);
        } finally {
            MDC.remove("stripe_event_id");
            MDC.remove("request_id");
        }
    }

    private String apply(StripeEvent row) {
        Event event = Event.GSON.fromJson(row.payload, Event.class);
        Instant created = row.stripeCreated;
        StripeObject object = object(event);
        return switch (row.type) {
            case "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled" ->
                    belongs(row, object) ? effects.applyIntent((PaymentIntent) object, created)
                            : "ignored: the intent belongs to another organization";
            case "charge.refunded" -> effects.applyCharge((Charge) object);
            case "charge.refund.updated", "refund.updated", "refund.created" ->
                    effects.applyRefund((com.stripe.model.Refund) object);
            case "account.updated" -> effects.applyAccount((Account) object, created);
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                    belongs(row, object) ? subscriptions.applyCheckout((Session) object, created)
                            : "ignored: the session belongs to another organization";
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
                 "customer.subscription.paused", "customer.subscription.resumed" ->
                    belongs(row, object) ? subscriptions.applySubscription((Subscription) object, created)
                            : "ignored: the subscription belongs to another organization";
            case "invoice.paid", "invoice.payment_succeeded", "invoice.finalized", "invoice.updated",
                 "invoice.voided", "invoice.marked_uncollectible" ->
                    subscriptions.applyInvoice((Invoice) object, created, false);
            case "invoice.payment_failed" -> subscriptions.applyInvoice((Invoice) object, created, true);
            default -> "ignored: " + row.type + " is not handled";
        };
    }

    /**
     * A platform event's organization, once it is applied: that of the payment its object concerns, or of the
     * customer it bills.
     */
    private static Long organizationNamed(StripeEvent row) {
        StripeObject object = object(Event.GSON.fromJson(row.payload, Event.class));
        String intent = object instanceof PaymentIntent i ? i.getId()
                : object instanceof com.stripe.model.Refund r ? r.getPaymentIntent()
                : object instanceof Charge c ? c.getPaymentIntent()
                : object instanceof Session s ? s.getPaymentIntent() : null;
        String customer = object instanceof Invoice i ? i.getCustomer()
                : object instanceof Subscription s ? s.getCustomer()
                : object instanceof Session s ? s.getCustomer() : null;
        List<?> found = List.of();
        if (intent != null) {
            found = StripeEvent.getEntityManager().createNativeQuery(
                    "select organization_id from payments where stripe_payment_intent_id = ?1")
                    .setParameter(1, intent).getResultList();
        }
        if (found.isEmpty() && customer != null) {
            found = StripeEvent.getEntityManager().createNativeQuery(
                    "select organization_id from stripe_customers where customer_id = ?1")
                    .setParameter(1, customer).getResultList();
        }
        return found.isEmpty() ? null : ((Number) found.get(0)).longValue();
    }

    /** An event of a connected account may only touch that organization's records. */
    private static boolean belongs(StripeEvent row, StripeObject object) {
        Map<String, String> metadata = object instanceof PaymentIntent i ? i.getMetadata()
                : object instanceof Subscription s ? s.getMetadata()
                : object instanceof Session s ? s.getMetadata() : null;
        if (row.organizationId == null || metadata == null || metadata.get("organization_id") == null) {
            return true;
        }
        return String.valueOf(row.organizationId).equals(metadata.get("organization_id"));
    }

    private static StripeObject object(Event event) {
        Optional<StripeObject> typed = event.getDataObjectDeserializer().getObject();
        if (typed.isPresent()) {
            return typed.get();
        }
        try {
            // An event of another API version than the SDK's: the fields we read have kept their meaning.
            return event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new IllegalStateException("The event's object cannot be read: " + e.getMessage(), e);
        }
    }

    private void recordFailure(String eventId, Throwable error) {
        boolean notYet = error instanceof StripeEffects.NotYet;
        String message = error.getClass().getSimpleName() + ": " + LogSafe.text(String.valueOf(error.getMessage()));
        Integer attempts = QuarkusTransaction.requiringNew().call(() -> {
            StripeEvent row = StripeEvent.findById(eventId);
            if (row == null) {
                return null;
            }
            row.attempts++;
            row.error = message.length() > 1000 ? message.substring(0, 1000) : message;
            // 5 s, 10 s, 20 s … up to an hour; Stripe itself retries for three days.
            long seconds = Math.min(3600, 5L << Math.min(row.attempts - 1, 10));
            row.nextAttemptAt = Instant.now().plus(Duration.ofSeconds(seconds));
            if (row.attempts >= MAX_ATTEMPTS) {
                row.status = StripeEvent.FAILED;
                row.processedAt = Instant.now();
            }
            return row.attempts;
        });
        if (attempts == null) {
            return;
        }
        if (attempts >= MAX_ATTEMPTS) {
            count(StripeEvent.FAILED);
            LOG.errorf(LogSafe.of(error), "Stripe event %s failed %d times; given up (replay it from"
                    + " GET /api/stripe/events)", eventId, attempts);
            reporter.gaveUp("stripe-webhook", "A Stripe event could not be processed", Map.of("event_id", eventId));
        } else if (notYet) {
            LOG.infof("Stripe event %s waits for its predecessor (%s); attempt %d", eventId, message, attempts);
        } else {
            LOG.warnf("Stripe event %s failed (attempt %d), will be retried: %s", eventId, attempts, message);
        }
    }

    /**
     * The organization's events, newest first: those of its connected account, and the platform's events about
     * its payments (attributed when processed).
     */
    public com.fitnesscrm.billing.api.StripeRequests.EventList events(com.fitnesscrm.common.security.Caller caller,
                                                                      int limit) {
        BillingAccountService.requireAdmin(caller);
        List<StripeEvent> rows = StripeEvent.find("organizationId = ?1 order by receivedAt desc, eventId",
                caller.organizationId()).range(0, limit - 1).list();
        return new com.fitnesscrm.billing.api.StripeRequests.EventList(rows.stream().map(StripeWebhooks::record)
                .toList());
    }

    /** Admins: a failed (or ignored) event is put back in the queue; its effect still applies at most once. */
    public Optional<com.fitnesscrm.billing.api.StripeRequests.EventRecord> replay(
            com.fitnesscrm.common.security.Caller caller, String eventId) {
        BillingAccountService.requireAdmin(caller);
        Optional<com.fitnesscrm.billing.api.StripeRequests.EventRecord> replayed = QuarkusTransaction.requiringNew()
                .call(() -> {
                    Optional<StripeEvent> found = StripeEvent.<StripeEvent>find("eventId = ?1 and organizationId = ?2",
                            eventId, caller.organizationId()).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                            .firstResultOptional();
                    found.ifPresent(row -> {
                        if (StripeEvent.PROCESSED.equals(row.status) || StripeEvent.PENDING.equals(row.status)) {
                            throw ApiException.conflict("event_" + row.status, "This event is " + row.status
                                    + "; only a failed or ignored event is replayed");
                        }
                        row.status = StripeEvent.PENDING;
                        row.attempts = 0;
                        row.nextAttemptAt = Instant.now();
                        row.processedAt = null;
                    });
                    return found.map(StripeWebhooks::record);
                });
        replayed.ifPresent(r -> kick());
        return replayed;
    }

    private static com.fitnesscrm.billing.api.StripeRequests.EventRecord record(StripeEvent e) {
        return new com.fitnesscrm.billing.api.StripeRequests.EventRecord(e.eventId, e.type, e.accountId,
                e.stripeCreated, e.receivedAt, e.processedAt, e.status, e.outcome, e.error, e.deliveries, e.attempts);
    }

    private void count(String outcome) {
        metrics.counter("fitnesscrm.webhook.deliveries", "provider", "stripe", "outcome", outcome).increment();
    }
}
