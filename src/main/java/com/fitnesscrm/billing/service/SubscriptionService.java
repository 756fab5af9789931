package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.api.SubscriptionViews;
import com.fitnesscrm.billing.domain.Invoice;
import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.billing.domain.Subscription;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.Text;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Memberships billed by Stripe on behalf of the organization's connected account. As with one-off payments, our
 * row comes first and names the idempotency key ({@code subscription-<id>}); Stripe's answer and its events then
 * keep the row's state. The first invoice is paid with Stripe.js (the answer's client secret); each paid invoice
 * lands in the ledger as a membership payment.
 */
@ApplicationScoped
public class SubscriptionService {

    /** A client already has this membership while its subscription is in one of these states. */
    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due", "unpaid", "paused");
    private static final java.time.Duration INCOMPLETE_FOR = java.time.Duration.ofHours(23);

    private final StripeGateway stripe;
    private final StripeConfig config;
    private final StripeCustomers customers;
    private final BillingAccountService accounts;
    private final ProductService products;
    private final ClientService clients;
    private final SubscriptionEffects effects;

    public SubscriptionService(StripeGateway stripe, StripeConfig config, StripeCustomers customers,
                               BillingAccountService accounts, ProductService products, ClientService clients,
                               SubscriptionEffects effects) {
        this.stripe = stripe;
        this.config = config;
        this.customers = customers;
        this.accounts = accounts;
        this.products = products;
        this.clients = clients;
        this.effects = effects;
    }

    public SubscriptionViews.SubscriptionCreated create(Caller caller, SubscriptionViews.CreateSubscription request) {
        long org = caller.organizationId();
        long clientId = customers.payerOf(caller, request.clientId());
        String destination = connectedAccount(org);
        Product product = membership(org, request.productId());
        Subscription pending = start(caller, clientId, product);
        com.stripe.model.Subscription created;
        try {
            String customer = customers.customerOf(org, clientId);
            String price = customers.recurringPriceOf(product);
            SubscriptionCreateParams.Builder params = SubscriptionCreateParams.builder()
                    .setCustomer(customer)
                    .addItem(SubscriptionCreateParams.Item.builder().setPrice(price).build())
                    // The first invoice waits for the card Stripe.js collects; nothing is charged before.
                    .setPaymentBehavior(SubscriptionCreateParams.PaymentBehavior.DEFAULT_INCOMPLETE)
                    .setPaymentSettings(SubscriptionCreateParams.PaymentSettings.builder().setSaveDefaultPaymentMethod(
                            SubscriptionCreateParams.PaymentSettings.SaveDefaultPaymentMethod.ON_SUBSCRIPTION).build())
                    .setOnBehalfOf(destination)
                    .setTransferData(SubscriptionCreateParams.TransferData.builder().setDestination(destination).build())
                    .addExpand("latest_invoice.confirmation_secret")
                    .putAllMetadata(metadata(pending));
            if (config.platformFeeBps() > 0) {
                params.setApplicationFeePercent(feePercent());
            }
            created = stripe.call("subscriptions.create", "subscription-" + pending.id, null,
                    (c, o) -> c.v1().subscriptions().create(params.build(), o));
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> Subscription.delete("id = ?1 and stripeSubscriptionId is null",
                    pending.id));
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> effects.applySubscription(created,
                Instant.ofEpochSecond(created.getCreated())));
        String secret = created.getLatestInvoiceObject() == null
                || created.getLatestInvoiceObject().getConfirmationSecret() == null ? null
                : created.getLatestInvoiceObject().getConfirmationSecret().getClientSecret();
        return new SubscriptionViews.SubscriptionCreated(view(caller, pending.id), secret,
                config.publishableKey().orElse(null));
    }

    /** A pending membership, committed before Stripe is called (Checkout starts one too). */
    Subscription start(Caller caller, long clientId, Product product) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // One start per client at a time (on any replica): two clicks must not make two Stripe subscriptions.
            Subscription.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                    .setParameter(1, "subscription-start-" + clientId).getSingleResult();
            if (Subscription.count("organizationId = ?1 and clientId = ?2 and productId = ?3 and status in ?4",
                    caller.organizationId(), clientId, product.id, LIVE) > 0) {
                throw ApiException.conflict("already_subscribed", "The client already has this membership");
            }
            // Stripe lets an unpaid first invoice wait 23 hours before the subscription expires.
            Subscription waiting = Subscription.<Subscription>find("organizationId = ?1 and clientId = ?2 and"
                            + " productId = ?3 and status = ?4 and createdAt > ?5", caller.organizationId(), clientId,
                    product.id, Subscription.INCOMPLETE, Instant.now().minus(INCOMPLETE_FOR)).firstResult();
            if (waiting != null) {
                throw ApiException.conflict("subscription_pending", "Subscription " + waiting.id + " to this"
                        + " membership waits for its first payment; pay it, or cancel it to start again");
            }
            Subscription s = new Subscription();
            s.organizationId = caller.organizationId();
            s.clientId = clientId;
            s.productId = product.id;
            s.status = Subscription.INCOMPLETE;
            s.amountMinor = product.priceMinor;
            s.currency = product.currency;
            s.billingInterval = product.billingInterval;
            s.createdBy = caller.userId();
            s.persist();
            return s;
        });
    }

    /** What lets a webhook find our row, whatever order Stripe's events come in. */
    static Map<String, String> metadata(Subscription s) {
        return Map.of("organization_id", String.valueOf(s.organizationId), "client_id", String.valueOf(s.clientId),
                "product_id", s.productId == null ? "" : String.valueOf(s.productId),
                "subscription_id", String.valueOf(s.id));
    }

    BigDecimal feePercent() {
        return BigDecimal.valueOf(config.platformFeeBps(), 2);
    }

    /** Ends a membership: at the end of the period paid for (the default), or now. */
    public SubscriptionViews.SubscriptionView cancel(Caller caller, SubscriptionViews.CancelSubscription request) {
        Subscription row = QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = find(caller, request.subscriptionId());
            if (s.stripeSubscriptionId == null) {
                throw ApiException.conflict("subscription_not_started", "This membership was never started in"
                        + " Stripe; there is nothing to cancel");
            }
            if (s.ended()) {
                throw ApiException.conflict("subscription_ended", "This membership has ended already");
            }
            return s;
        });
        boolean atPeriodEnd = request.atPeriodEnd() == null || request.atPeriodEnd();
        String stripeId = row.stripeSubscriptionId;
        com.stripe.model.Subscription answer = atPeriodEnd
                ? stripe.call("subscriptions.update", "subscription-" + row.id + "-cancel-at-period-end", null,
                        (c, o) -> c.v1().subscriptions().update(stripeId,
                                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build(), o))
                : stripe.call("subscriptions.cancel", "subscription-" + row.id + "-cancel", null,
                        (c, o) -> c.v1().subscriptions().cancel(stripeId,
                                SubscriptionCancelParams.builder().setProrate(false).build(), o));
        // Stripe's answer is its state now; an event about anything older will not undo it.
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        QuarkusTransaction.requiringNew().run(() -> effects.applySubscription(answer, asOf));
        return view(caller, row.id);
    }

    private Subscription find(Caller caller, String id) {
        String value = Text.blankToNull(id);
        if (value == null) {
            throw ApiException.invalidField("subscription_id", "is required");
        }
        Subscription s;
        if (value.trim().startsWith("sub_")) {
            s = Subscription.<Subscription>find("stripeSubscriptionId = ?1 and organizationId = ?2", value.trim(),
                    caller.organizationId()).firstResult();
        } else {
            long ours;
            try {
                ours = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("subscription_id", "must be a subscription id or a Stripe id (sub_…)");
            }
            s = Subscription.findForUpdate(caller.organizationId(), ours).orElse(null);
        }
        if (s == null || !clients.canSee(caller, s.clientId)) {
            throw ApiException.notFound("Subscription");
        }
        return s;
    }

    public SubscriptionViews.SubscriptionList ofClient(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
        List<Subscription> rows = Subscription.list("organizationId = ?1 and clientId = ?2 order by createdAt desc,"
                + " id desc", caller.organizationId(), clientId);
        return new SubscriptionViews.SubscriptionList(views(caller.organizationId(), rows));
    }

    public SubscriptionViews.InvoiceList invoicesOf(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
        List<Invoice> rows = Invoice.list("organizationId = ?1 and clientId = ?2 order by createdAt desc, id desc",
                caller.organizationId(), clientId);
        return new SubscriptionViews.InvoiceList(rows.stream().map(i -> new SubscriptionViews.InvoiceView(i.id,
                i.clientId, i.stripeInvoiceId, i.stripeSubscriptionId, i.number, i.status,
                Money.major(i.amountDueMinor, i.currency), i.amountDueMinor, Money.major(i.amountPaidMinor, i.currency),
                i.amountPaidMinor, i.currency, i.dueAt, i.paidAt, i.hostedInvoiceUrl, i.createdAt)).toList());
    }

    SubscriptionViews.SubscriptionView view(Caller caller, long id) {
        return QuarkusTransaction.requiringNew().call(() -> views(caller.organizationId(),
                List.of(Subscription.<Subscription>findById(id))).get(0));
    }

    private List<SubscriptionViews.SubscriptionView> views(long org, List<Subscription> rows) {
        Map<Long, String> names = clients.namesOf(org, rows.stream().map(s -> s.clientId).distinct().toList());
        Map<Long, String> productNames = productNames(rows.stream().map(s -> s.productId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        return rows.stream().map(s -> new SubscriptionViews.SubscriptionView(s.id, s.clientId, names.get(s.clientId),
                s.productId, s.productId == null ? null : productNames.get(s.productId), s.stripeSubscriptionId,
                s.status, s.amountMinor == null ? null : Money.major(s.amountMinor, s.currency), s.amountMinor,
                s.currency, s.billingInterval, s.currentPeriodEnd, s.cancelAtPeriodEnd, s.canceledAt, s.endedAt,
                s.createdAt)).toList();
    }

    private static Map<Long, String> productNames(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Product.<Product>list("id in ?1", ids).stream().collect(Collectors.toMap(p -> p.id, p -> p.name));
    }

    String connectedAccount(long org) {
        return accounts.connectedAccount(org).orElseThrow(() -> ApiException.conflict("stripe_not_connected",
                "This organization has not connected a Stripe account yet"));
    }

    Product membership(long org, Long productId) {
        if (productId == null) {
            throw ApiException.invalidField("product_id", "is required");
        }
        return products.live(org, productId).filter(p -> p.active && Product.MEMBERSHIP.equals(p.kind))
                .orElseThrow(() -> ApiException.invalidField("product_id", "must name a membership on sale"));
    }
}
