package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.api.PaymentView;
import com.fitnesscrm.billing.api.StripeRequests;
import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.billing.domain.Refund;
import com.fitnesscrm.billing.domain.StripeCustomer;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.Text;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.model.PaymentIntent;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Card payments through Stripe, on behalf of the organization's connected account (destination charges: the
 * platform's customer pays, the money goes to the organization, less the platform's fee). Our record comes first
 * and names the Stripe object's idempotency key: the pending payment is written and committed, then Stripe is
 * called with {@code payment-<id>}, then the intent's id is stored. A failed call deletes the pending row (nothing
 * half-made); a crash in between leaves a pending row that the webhook, or a retry, completes with the same key.
 * Stripe calls never run inside a database transaction.
 */
@ApplicationScoped
public class StripeService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StripeService.class);

    private final StripeGateway stripe;
    private final StripeConfig config;
    private final ClientService clients;
    private final BillingAccountService accounts;
    private final ProductService products;
    private final PaymentService payments;
    private final StripeEffects effects;
    private final StripeCustomers customers;
    private final Event<ActivityEvent> activity;

    public StripeService(StripeGateway stripe, StripeConfig config, ClientService clients,
                         BillingAccountService accounts, ProductService products, PaymentService payments,
                         StripeEffects effects, StripeCustomers customers, Event<ActivityEvent> activity) {
        this.customers = customers;
        this.effects = effects;
        this.stripe = stripe;
        this.config = config;
        this.clients = clients;
        this.accounts = accounts;
        this.products = products;
        this.payments = payments;
        this.activity = activity;
    }

    public StripeRequests.Config config() {
        return new StripeRequests.Config(config.publishableKey().orElse(null), config.configured());
    }

    /** Admins: creates the organization's connected account (once) and a fresh onboarding link. */
    public StripeRequests.Onboarding onboarding(Caller caller) {
        BillingAccountService.requireAdmin(caller);
        long org = caller.organizationId();
        String accountId = accounts.connectedAccount(org).orElse(null);
        if (accountId == null) {
            Account account = stripe.call("accounts.create", "account-org-" + org, null, (c, o) ->
                    c.v1().accounts().create(AccountCreateParams.builder().setType(AccountCreateParams.Type.EXPRESS)
                            .putMetadata("organization_id", String.valueOf(org)).build(), o));
            QuarkusTransaction.requiringNew().run(() -> accounts.attachAccount(org, account.getId()));
            accountId = account.getId();
        }
        String forAccount = accountId;
        AccountLink link = stripe.call("accountLinks.create", null, null, (c, o) ->
                c.v1().accountLinks().create(AccountLinkCreateParams.builder().setAccount(forAccount)
                        .setRefreshUrl(config.connectReturnUrl()).setReturnUrl(config.connectReturnUrl())
                        .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING).build(), o));
        return new StripeRequests.Onboarding(accountId, link.getUrl());
    }

    /** Admins: the connected account's state, read from Stripe now (events keep it current too). */
    public com.fitnesscrm.billing.api.BillingAccountView refreshAccount(Caller caller) {
        BillingAccountService.requireAdmin(caller);
        String accountId = accounts.connectedAccount(caller.organizationId())
                .orElseThrow(() -> ApiException.conflict("stripe_not_connected", "Connect a Stripe account first"));
        Account account = stripe.call("accounts.retrieve", null, null,
                (c, o) -> c.v1().accounts().retrieve(accountId, o));
        QuarkusTransaction.requiringNew().run(() -> accounts.applyAccountState(accountId,
                Boolean.TRUE.equals(account.getChargesEnabled()), Boolean.TRUE.equals(account.getPayoutsEnabled()),
                Boolean.TRUE.equals(account.getDetailsSubmitted()), Instant.now()));
        return accounts.view(caller);
    }

    public StripeRequests.PaymentIntentCreated createPaymentIntent(Caller caller,
                                                                    StripeRequests.CreatePaymentIntent request) {
        long org = caller.organizationId();
        long clientId = customers.payerOf(caller, request.clientId());
        String destination = accounts.connectedAccount(org).orElseThrow(() -> ApiException.conflict(
                "stripe_not_connected", "This organization has not connected a Stripe account yet"));
        Product product = null;
        Problems problems = new Problems();
        if (request.productId() != null) {
            product = products.live(org, request.productId()).filter(p -> p.active).orElse(null);
            if (product == null) {
                problems.add("product_id", "names no product on sale");
            }
        }
        String currency = accounts.currencyOf(org);
        String asked = Money.currency(problems, "currency", request.currency());
        if (asked != null && !asked.equals(currency)) {
            problems.add("currency", "must be the organization's currency (" + currency + ")");
        }
        Long amount = Money.positiveMinor(problems, "amount", request.amount(), request.amountMinor(), currency);
        if (amount == null && request.amount() == null && request.amountMinor() == null) {
            if (product != null) {
                amount = product.priceMinor;
            } else {
                problems.add("amount", "is required");
            }
        }
        problems.throwIfAny();
        String description = Text.blankToNull(request.description()) != null ? request.description().trim()
                : product == null ? null : product.name;
        Payment pending = startPending(caller, clientId, product, amount, currency, description);
        long total = amount;
        PaymentIntent intent;
        try {
            String customer = customers.customerOf(org, clientId);
            intent = stripe.call("paymentIntents.create", "payment-" + pending.id, null, (c, o) ->
                    c.v1().paymentIntents().create(intentParams(pending, customer, destination), o));
        } catch (RuntimeException e) {
            // Nothing half-made: the pending row goes (an intent Stripe may have created is unconfirmed and
            // charges nothing; should it ever succeed, its webhook records the payment from its metadata).
            dropPending(pending.id);
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Payment p = Payment.findForUpdate(org, pending.id).orElseThrow();
            if (p.stripePaymentIntentId == null) {
                p.stripePaymentIntentId = intent.getId();
                p.updatedAt = Instant.now();
            }
            activity.fire(PaymentService.event(caller, ActivityEvent.CREATE, p));
        });
        return new StripeRequests.PaymentIntentCreated(pending.id, intent.getId(), intent.getClientSecret(),
                Money.major(total, currency), total, currency, intent.getStatus(), config.publishableKey().orElse(null));
    }

    /** A card payment about to be started with Stripe: committed first, its id the idempotency key. */
    Payment startPending(Caller caller, long clientId, Product product, long amount, String currency,
                         String description) {
        long fee = amount * config.platformFeeBps() / 10_000;
        return QuarkusTransaction.requiringNew().call(() -> {
            Payment p = new Payment();
            p.organizationId = caller.organizationId();
            p.clientId = clientId;
            p.productId = product == null ? null : product.id;
            p.amountMinor = amount;
            p.currency = currency;
            p.platformFeeMinor = fee;
            p.method = "card";
            p.paymentType = product == null ? "other" : PaymentService.typeOf(product);
            p.status = Payment.PENDING;
            p.description = description;
            p.recordedBy = caller.userId();
            p.persist();
            return p;
        });
    }

    /** A pending payment whose Stripe call failed goes: nothing half-made is left behind. */
    static void dropPending(long paymentId) {
        QuarkusTransaction.requiringNew().run(() -> Payment.delete("id = ?1 and status = ?2", paymentId,
                Payment.PENDING));
    }

    private static PaymentIntentCreateParams intentParams(Payment payment, String customer, String destination) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(payment.amountMinor)
                .setCurrency(payment.currency.toLowerCase(Locale.ROOT))
                .setCustomer(customer)
                .setOnBehalfOf(destination)
                .setTransferData(PaymentIntentCreateParams.TransferData.builder().setDestination(destination).build())
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true).build())
                .putAllMetadata(metadata(payment));
        if (payment.platformFeeMinor > 0) {
            params.setApplicationFeeAmount(payment.platformFeeMinor);
        }
        if (payment.description != null) {
            params.setDescription(payment.description);
        }
        return params.build();
    }

    /** What lets a webhook find (or rebuild) our record, whatever order events arrive in. */
    static Map<String, String> metadata(Payment payment) {
        return Map.of("organization_id", String.valueOf(payment.organizationId),
                "client_id", String.valueOf(payment.clientId),
                "payment_id", String.valueOf(payment.id),
                "product_id", payment.productId == null ? "" : String.valueOf(payment.productId));
    }

    /**
     * After Stripe.js confirmed: the intent as Stripe has it now, applied to our record (the webhook does the same;
     * whichever comes first wins, the other changes nothing).
     */
    public PaymentView confirmPayment(Caller caller, StripeRequests.ConfirmPayment request) {
        if (Text.blankToNull(request.paymentIntentId()) == null) {
            throw ApiException.invalidField("payment_intent_id", "is required");
        }
        String intentId = request.paymentIntentId().trim();
        long paymentId = QuarkusTransaction.requiringNew().call(() -> Payment.<Payment>find(
                        "organizationId = ?1 and stripePaymentIntentId = ?2", caller.organizationId(), intentId)
                .firstResultOptional().filter(p -> clients.canSee(caller, p.clientId))
                .orElseThrow(() -> ApiException.notFound("Payment")).id);
        PaymentIntent intent = stripe.call("paymentIntents.retrieve", null, null,
                (c, o) -> c.v1().paymentIntents().retrieve(intentId, o));
        QuarkusTransaction.requiringNew().run(() -> effects.applyIntent(intent, Instant.now()));
        return QuarkusTransaction.requiringNew().call(() -> payments.find(caller, paymentId).orElseThrow());
    }

    /** A refund of a Stripe payment: all or part of what is not refunded yet. */
    public PaymentView refund(Caller caller, StripeRequests.Refund request) {
        PaymentService.requireStaff(caller);
        if (request.paymentId() == null) {
            throw ApiException.invalidField("payment_id", "is required");
        }
        long org = caller.organizationId();
        // Every read is in its own transaction: an entity read outside one would stay cached for the request and
        // the answer would show the payment as it was before the refund.
        RefundStarted refund = QuarkusTransaction.requiringNew().call(() -> {
            Payment payment = Payment.findForUpdate(org, request.paymentId())
                    .filter(p -> clients.canSee(caller, p.clientId))
                    .orElseThrow(() -> ApiException.notFound("Payment"));
            if (payment.stripePaymentIntentId == null) {
                throw ApiException.conflict("not_a_stripe_payment", "This payment was recorded by hand: use"
                        + " POST /api/payments/{id}/refund");
            }
            // Refunds already asked for but not settled count against what is left.
            long inFlight = Refund.<Refund>list("paymentId = ?1 and status = ?2", payment.id, Refund.PENDING).stream()
                    .mapToLong(r -> r.amountMinor).sum();
            long amount = payments.refundableAmount(payment, request.amount(), request.amountMinor());
            if (amount > payment.amountMinor - payment.refundedMinor - inFlight) {
                throw ApiException.invalidField("amount", "is more than is left to refund once the refunds in"
                        + " progress settle");
            }
            Refund r = new Refund();
            r.organizationId = org;
            r.paymentId = payment.id;
            r.amountMinor = amount;
            r.reason = Text.blankToNull(request.reason());
            r.status = Refund.PENDING;
            r.createdBy = caller.userId();
            r.persist();
            return new RefundStarted(r.id, payment.id, r.amountMinor, payment.stripePaymentIntentId,
                    payment.platformFeeMinor > 0);
        });
        com.stripe.model.Refund created;
        try {
            created = stripe.call("refunds.create", "refund-" + refund.id(), null, (c, o) -> c.v1().refunds().create(
                    RefundCreateParams.builder().setPaymentIntent(refund.intentId())
                            .setAmount(refund.amountMinor()).setReverseTransfer(true)
                            .setRefundApplicationFee(refund.withFee())
                            .putMetadata("refund_id", String.valueOf(refund.id()))
                            .putMetadata("payment_id", String.valueOf(refund.paymentId()))
                            .putMetadata("organization_id", String.valueOf(org)).build(), o));
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> Refund.delete("id = ?1 and status = ?2", refund.id(),
                    Refund.PENDING));
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            String outcome = effects.applyRefund(created);
            LOG.infof("Refund %d of payment %d (%s): %s", refund.id(), refund.paymentId(), created.getId(), outcome);
            activity.fire(PaymentService.event(caller, ActivityEvent.UPDATE,
                    Payment.<Payment>findByIdOptional(refund.paymentId()).orElseThrow()));
        });
        return QuarkusTransaction.requiringNew().call(() -> payments.find(caller, refund.paymentId()).orElseThrow());
    }

    private record RefundStarted(long id, long paymentId, long amountMinor, String intentId, boolean withFee) {
    }

    /** The client's saved cards (brand and last four only). */
    public StripeRequests.PaymentMethods paymentMethods(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
        Optional<StripeCustomer> customer = StripeCustomer.findByIdOptional(clientId);
        if (customer.isEmpty()) {
            return new StripeRequests.PaymentMethods(List.of());
        }
        var found = stripe.call("customers.paymentMethods.list", null, null,
                (c, o) -> c.v1().customers().paymentMethods().list(customer.get().customerId, o));
        return new StripeRequests.PaymentMethods(found.getData().stream().map(m -> new StripeRequests.PaymentMethod(
                m.getId(), m.getType(), m.getCard() == null ? null : m.getCard().getBrand(),
                m.getCard() == null ? null : m.getCard().getLast4(),
                m.getCard() == null ? null : m.getCard().getExpMonth(),
                m.getCard() == null ? null : m.getCard().getExpYear())).toList());
    }

    /** The client behind the contract's {@code customer_id}: our client id, or a Stripe customer id of ours. */
    public long clientOfCustomer(Caller caller, String customerId) {
        String id = customerId == null ? "" : customerId.trim();
        if (id.startsWith("cus_")) {
            return StripeCustomer.<StripeCustomer>find("customerId = ?1 and organizationId = ?2", id,
                            caller.organizationId()).firstResultOptional().map(c -> c.clientId)
                    .orElseThrow(() -> ApiException.notFound("Client"));
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("customer_id", "must be a client id or a Stripe customer id");
        }
    }
}
