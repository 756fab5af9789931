package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.domain.Invoice;
import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.billing.domain.StripeCustomer;
import com.fitnesscrm.billing.domain.Subscription;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.cache.ReadModelCache;
import com.stripe.model.Price;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Stripe's subscriptions, invoices and Checkout Sessions mean for our records, applied the same way from an
 * event or from an answer to our own call. Events arrive in any order: each object is matched to our row by its
 * id, else by the ids of ours in its metadata, else by its customer; a subscription's state is applied only when
 * it is as new as the state we hold ({@code stripe_state_at}), an ended subscription never comes back, and a paid
 * invoice is recorded in the ledger once (the payment's {@code stripe_invoice_id} is unique), whichever event
 * brings it first.
 */
@ApplicationScoped
public class SubscriptionEffects {

    /** Invoice states that an older event must not undo. */
    private static final Set<String> INVOICE_FINAL = Set.of(Invoice.PAID, "void", "uncollectible");

    private final ClientService clients;
    private final ProductService products;
    private final StripeEffects payments;
    private final StripeCustomers customers;
    private final PaymentReminders reminders;
    private final StripeConfig config;
    private final ReadModelCache readModels;

    public SubscriptionEffects(ClientService clients, ProductService products, StripeEffects payments,
                               StripeCustomers customers, PaymentReminders reminders, StripeConfig config,
                               ReadModelCache readModels) {
        this.clients = clients;
        this.products = products;
        this.payments = payments;
        this.customers = customers;
        this.reminders = reminders;
        this.config = config;
        this.readModels = readModels;
    }

    /** A subscription's state (from any customer.subscription.* event, or our create/cancel call). */
    @Transactional(Transactional.TxType.MANDATORY)
    public String applySubscription(com.stripe.model.Subscription stripe, Instant asOf) {
        Optional<Subscription> found = rowOf(stripe.getId(), stripe.getMetadata(), stripe.getCustomer());
        if (found.isEmpty()) {
            return "ignored: the subscription names no client of ours";
        }
        Subscription row = found.get();
        if (row.stripeStateAt != null && asOf.isBefore(row.stripeStateAt)) {
            return "no change: older than the state applied (" + row.status + ")";
        }
        String status = String.valueOf(stripe.getStatus());
        if (row.ended() && !Subscription.ENDED.contains(status)) {
            return "no change: subscription " + row.id + " has ended";
        }
        row.status = status;
        row.cancelAtPeriodEnd = Boolean.TRUE.equals(stripe.getCancelAtPeriodEnd());
        row.canceledAt = instant(stripe.getCanceledAt());
        row.endedAt = instant(stripe.getEndedAt());
        SubscriptionItem item = stripe.getItems() == null || stripe.getItems().getData() == null
                || stripe.getItems().getData().isEmpty() ? null : stripe.getItems().getData().get(0);
        if (item != null) {
            row.currentPeriodEnd = instant(item.getCurrentPeriodEnd());
            Price price = item.getPrice();
            if (price != null && price.getUnitAmount() != null) {
                row.amountMinor = price.getUnitAmount();
                row.currency = String.valueOf(price.getCurrency()).toUpperCase(Locale.ROOT);
                row.billingInterval = price.getRecurring() == null ? row.billingInterval
                        : price.getRecurring().getInterval();
            }
        }
        row.stripeStateAt = asOf;
        row.updatedAt = Instant.now();
        readModels.organizationChanged(row.organizationId);
        return "subscription " + row.id + " " + status + (row.cancelAtPeriodEnd ? " (cancels at period end)" : "");
    }

    /**
     * An invoice's state. Paid, it is recorded in the ledger as a membership payment (once) and its subscription
     * counts as paid up; its charge failed, the client gets a reminder.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String applyInvoice(com.stripe.model.Invoice stripe, Instant asOf, boolean chargeFailed) {
        Optional<StripeCustomer> customer = customers.ofCustomer(stripe.getCustomer());
        if (customer.isEmpty()) {
            return "ignored: the invoice's customer is not one of ours";
        }
        long org = customer.get().organizationId;
        Map<String, String> meta = subscriptionMetadata(stripe);
        Long metaOrg = StripeEffects.number(meta.get("organization_id"));
        if (metaOrg != null && metaOrg != org) {
            return "ignored: the invoice's subscription belongs to another organization";
        }
        String subscriptionId = stripe.getParent() == null || stripe.getParent().getSubscriptionDetails() == null
                ? null : stripe.getParent().getSubscriptionDetails().getSubscription();
        Invoice invoice = invoiceRow(stripe, org, customer.get().clientId, subscriptionId);
        String status = String.valueOf(stripe.getStatus());
        boolean older = invoice.stripeStateAt != null && asOf.isBefore(invoice.stripeStateAt);
        boolean regress = INVOICE_FINAL.contains(invoice.status) && !INVOICE_FINAL.contains(status);
        if (!older && !regress) {
            invoice.status = status;
            invoice.number = stripe.getNumber();
            invoice.amountDueMinor = orZero(stripe.getAmountDue());
            invoice.amountPaidMinor = orZero(stripe.getAmountPaid());
            invoice.dueAt = instant(stripe.getDueDate());
            invoice.hostedInvoiceUrl = stripe.getHostedInvoiceUrl();
            if (stripe.getStatusTransitions() != null) {
                invoice.paidAt = instant(stripe.getStatusTransitions().getPaidAt());
            }
            invoice.stripeStateAt = asOf;
            invoice.updatedAt = Instant.now();
        }
        Optional<Subscription> subscription = subscriptionId == null ? Optional.empty()
                : rowOf(subscriptionId, meta, stripe.getCustomer());
        String outcome = "invoice " + invoice.id + " " + invoice.status;
        if (Invoice.PAID.equals(status)) {
            outcome += record(invoice, subscription.orElse(null), asOf);
            reminders.invoiceSettled(invoice.id);
            subscription.filter(s -> !s.ended() && (s.stripeStateAt == null || !asOf.isBefore(s.stripeStateAt))
                    && Set.of(Subscription.INCOMPLETE, "past_due", "unpaid").contains(s.status)).ifPresent(s -> {
                        // Paid up: active, as the subscription's own event (which may come later or not at all
                        // before this one) will say; an older event will not take it back.
                        s.status = "active";
                        s.stripeStateAt = asOf;
                        s.updatedAt = Instant.now();
                    });
        } else if (chargeFailed && !Invoice.PAID.equals(invoice.status)) {
            reminders.invoiceFailed(invoice, "The card payment of invoice "
                    + (invoice.number == null ? invoice.stripeInvoiceId : invoice.number) + " failed");
            outcome += ", payment failed: reminder made";
        }
        readModels.organizationChanged(org);
        return outcome;
    }

    /** A paid invoice in the ledger: once per invoice, whatever number of events say it is paid. */
    private String record(Invoice invoice, Subscription subscription, Instant asOf) {
        if (invoice.amountPaidMinor <= 0) {
            return " (nothing to record: no amount paid)";
        }
        if (Payment.count("stripeInvoiceId", invoice.stripeInvoiceId) > 0) {
            return " (recorded already)";
        }
        Product product = subscription == null || subscription.productId == null ? null
                : products.live(invoice.organizationId, subscription.productId).orElse(null);
        Payment p = new Payment();
        p.organizationId = invoice.organizationId;
        p.clientId = invoice.clientId;
        p.productId = product == null ? null : product.id;
        p.amountMinor = invoice.amountPaidMinor;
        p.currency = invoice.currency;
        p.platformFeeMinor = invoice.amountPaidMinor * config.platformFeeBps() / 10_000;
        p.method = "card";
        p.paymentType = "membership";
        p.status = Payment.SUCCEEDED;
        p.paidAt = invoice.paidAt != null ? invoice.paidAt : asOf;
        p.stripeInvoiceId = invoice.stripeInvoiceId;
        p.description = product != null ? product.name : "Invoice " + (invoice.number == null
                ? invoice.stripeInvoiceId : invoice.number);
        p.persist();
        return ", payment " + p.id + " recorded";
    }

    /**
     * A completed Checkout: a one-off payment is received when Stripe says it is paid (a delayed method's money
     * comes with its own event); a subscription is linked to its Stripe id (its state comes with its events).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String applyCheckout(Session session, Instant asOf) {
        Map<String, String> meta = session.getMetadata() == null ? Map.of() : session.getMetadata();
        Long org = StripeEffects.number(meta.get("organization_id"));
        if (org == null) {
            return "ignored: the session names no organization of ours";
        }
        if ("subscription".equals(session.getMode())) {
            Optional<Subscription> row = Subscription.<Subscription>find("stripeCheckoutSessionId", session.getId())
                    .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
            if (row.isEmpty()) {
                row = Optional.ofNullable(StripeEffects.number(meta.get("subscription_id")))
                        .flatMap(id -> Subscription.findForUpdate(org, id));
            }
            if (row.isEmpty() || session.getSubscription() == null) {
                return "ignored: the session names no subscription of ours";
            }
            Subscription s = row.get();
            if (s.stripeSubscriptionId == null) {
                Optional<Subscription> mirrored = Subscription.byStripeIdForUpdate(session.getSubscription());
                if (mirrored.isPresent()) {
                    // The subscription's own event got here first and made a row from its customer: that row
                    // holds Stripe's state; ours, still pending, goes.
                    mirrored.get().productId = mirrored.get().productId != null ? mirrored.get().productId
                            : s.productId;
                    s.delete();
                    return "subscription " + mirrored.get().id + " is " + session.getSubscription();
                }
                s.stripeSubscriptionId = session.getSubscription();
                s.updatedAt = Instant.now();
            }
            return "subscription " + s.id + " is " + s.stripeSubscriptionId;
        }
        Optional<Payment> found = Payment.<Payment>find("stripeCheckoutSessionId", session.getId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            found = Optional.ofNullable(StripeEffects.number(meta.get("payment_id")))
                    .flatMap(id -> Payment.findForUpdate(org, id));
        }
        if (found.isEmpty()) {
            return "ignored: the session names no payment of ours";
        }
        Payment payment = found.get();
        if (session.getAmountTotal() == null || payment.amountMinor != session.getAmountTotal()
                || !payment.currency.equalsIgnoreCase(String.valueOf(session.getCurrency()))) {
            return "ignored: amount or currency differ from our record";
        }
        if (payment.stripePaymentIntentId == null && session.getPaymentIntent() != null) {
            payment.stripePaymentIntentId = session.getPaymentIntent();
        }
        if (payment.received()) {
            return "no change: payment " + payment.id + " already received";
        }
        if (!"paid".equals(session.getPaymentStatus())) {
            payment.updatedAt = Instant.now();
            return "payment " + payment.id + " awaits its money (" + session.getPaymentStatus() + ")";
        }
        payments.receive(payment, asOf, null);
        return "payment " + payment.id + " received";
    }

    /**
     * Our row of a Stripe subscription: by its id; else the row its metadata names (started by us, its id not
     * stored yet); else a new row for the customer's client (a subscription made in Stripe's dashboard, or an
     * invoice arriving before anything else).
     */
    private Optional<Subscription> rowOf(String stripeId, Map<String, String> metadata, String customer) {
        Optional<Subscription> byId = Subscription.byStripeIdForUpdate(stripeId);
        if (byId.isPresent()) {
            return byId;
        }
        Map<String, String> meta = metadata == null ? Map.of() : metadata;
        Optional<StripeCustomer> owner = customers.ofCustomer(customer);
        Long org = StripeEffects.number(meta.get("organization_id"));
        if (org == null && owner.isPresent()) {
            org = owner.get().organizationId;
        }
        if (org == null || owner.isPresent() && owner.get().organizationId != org.longValue()) {
            return Optional.empty();
        }
        long organization = org;
        Long ours = StripeEffects.number(meta.get("subscription_id"));
        if (ours != null) {
            Optional<Subscription> started = Subscription.findForUpdate(organization, ours)
                    .filter(s -> s.stripeSubscriptionId == null || s.stripeSubscriptionId.equals(stripeId));
            if (started.isPresent()) {
                started.get().stripeSubscriptionId = stripeId;
                return started;
            }
        }
        Long client = owner.map(c -> c.clientId).orElse(StripeEffects.number(meta.get("client_id")));
        if (client == null || !clients.exists(organization, client)) {
            return Optional.empty();
        }
        Subscription made = new Subscription();
        made.organizationId = organization;
        made.clientId = client;
        made.stripeSubscriptionId = stripeId;
        made.status = Subscription.INCOMPLETE;
        Long product = StripeEffects.number(meta.get("product_id"));
        if (product != null) {
            products.live(organization, product).ifPresent(p -> made.productId = p.id);
        }
        made.persist();
        return Optional.of(made);
    }

    private static Invoice invoiceRow(com.stripe.model.Invoice stripe, long org, long client, String subscription) {
        var em = Panache.getEntityManager();
        em.createNativeQuery("insert into invoices (organization_id, client_id, stripe_invoice_id,"
                        + " stripe_subscription_id, status, currency) values (?1, ?2, ?3, ?4, 'draft', ?5)"
                        + " on conflict (stripe_invoice_id) do nothing")
                .setParameter(1, org).setParameter(2, client).setParameter(3, stripe.getId())
                .setParameter(4, subscription)
                .setParameter(5, String.valueOf(stripe.getCurrency()).toUpperCase(Locale.ROOT)).executeUpdate();
        return Invoice.<Invoice>find("stripeInvoiceId", stripe.getId()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    private static Map<String, String> subscriptionMetadata(com.stripe.model.Invoice stripe) {
        if (stripe.getParent() != null && stripe.getParent().getSubscriptionDetails() != null
                && stripe.getParent().getSubscriptionDetails().getMetadata() != null) {
            return stripe.getParent().getSubscriptionDetails().getMetadata();
        }
        return Map.of();
    }

    private static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
