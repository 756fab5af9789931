package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.billing.domain.Refund;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.cache.ReadModelCache;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Stripe's objects mean for our ledger, applied the same way whether they come from a webhook event or from
 * a call we made: each method reconciles our record with the object's state (a status, an absolute refunded
 * amount), so applying the same object twice, or an older one after a newer one, changes nothing. Every method runs
 * in the caller's transaction, under the payment's row lock.
 */
@ApplicationScoped
public class StripeEffects {

    /** Stripe's state refers to a record we do not have yet (an event ahead of its predecessor): try again later. */
    public static class NotYet extends RuntimeException {
        public NotYet(String message) {
            super(message, null, false, false);
        }
    }

    private final ClientService clients;
    private final ProductService products;
    private final PackageService packages;
    private final PaymentService payments;
    private final BillingAccountService accounts;
    private final ReadModelCache readModels;
    private final PaymentReminders reminders;

    public StripeEffects(ClientService clients, ProductService products, PackageService packages,
                         PaymentService payments, BillingAccountService accounts, ReadModelCache readModels,
                         PaymentReminders reminders) {
        this.reminders = reminders;
        this.clients = clients;
        this.products = products;
        this.packages = packages;
        this.payments = payments;
        this.accounts = accounts;
        this.readModels = readModels;
    }

    /**
     * A PaymentIntent's state: succeeded records the money (and grants the package), a failed attempt or a
     * cancellation marks a pending payment failed. Our record is found by the intent's id, else by the payment id
     * in its metadata (the intent's id not stored yet), else rebuilt from the metadata (the row was lost to a crash
     * or deleted after a failed call that Stripe in fact carried out).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String applyIntent(PaymentIntent intent, Instant asOf) {
        Optional<Payment> found = paymentOf(intent);
        if (found.isEmpty()) {
            return "ignored: the intent names no payment or client of ours (or not in the organization's currency)";
        }
        Payment payment = found.get();
        if (payment.amountMinor != intent.getAmount()
                || !payment.currency.equalsIgnoreCase(String.valueOf(intent.getCurrency()))) {
            return "ignored: amount or currency differ from our record (" + intent.getAmount() + " "
                    + intent.getCurrency() + ")";
        }
        String status = String.valueOf(intent.getStatus());
        String outcome;
        if ("succeeded".equals(status)) {
            if (payment.received()) {
                return "no change: already received";
            }
            receive(payment, asOf, intent.getLatestCharge());
            outcome = "payment " + payment.id + " received";
        } else if (intent.getLastPaymentError() != null || "canceled".equals(status)) {
            if (!Payment.PENDING.equals(payment.status) && !Payment.FAILED.equals(payment.status)) {
                return "no change: payment is " + payment.status;
            }
            payment.status = Payment.FAILED;
            payment.failureMessage = intent.getLastPaymentError() != null
                    ? truncate(intent.getLastPaymentError().getMessage()) : "canceled";
            reminders.paymentFailed(payment);
            outcome = "payment " + payment.id + " failed";
        } else {
            return "no change: intent is " + status;
        }
        payment.updatedAt = Instant.now();
        readModels.organizationChanged(payment.organizationId);
        return outcome;
    }

    /** The money of a pending (or failed) payment arrived: recorded, and the package it bought granted. */
    void receive(Payment payment, Instant asOf, String chargeId) {
        payment.status = Payment.SUCCEEDED;
        payment.paidAt = asOf;
        payment.failureMessage = null;
        if (chargeId != null) {
            payment.stripeChargeId = chargeId;
        }
        if (payment.productId != null) {
            products.live(payment.organizationId, payment.productId).ifPresent(p -> packages.grant(payment, p));
        }
        reminders.paymentSettled(payment.id);
        payment.updatedAt = Instant.now();
        readModels.organizationChanged(payment.organizationId);
    }

    /** A charge's refunds: the refunded total Stripe reports (absolute, so a second delivery adds nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public String applyCharge(Charge charge) {
        String intentId = charge.getPaymentIntent();
        Payment payment = intentId == null ? null : Payment.<Payment>find("stripePaymentIntentId", intentId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElse(null);
        if (payment == null || !payment.received()) {
            throw new NotYet("the payment of " + intentId + " is not received yet");
        }
        if (charge.getRefunds() != null && charge.getRefunds().getData() != null) {
            charge.getRefunds().getData().forEach(this::recordRefund);
        }
        long refunded = Math.max(charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded(),
                settledRefunds(payment.id));
        return setRefunded(payment, refunded);
    }

    /** A refund (from our call or a refund event): its status, and the payment's refunded total. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String applyRefund(com.stripe.model.Refund refund) {
        String intentId = refund.getPaymentIntent();
        Payment payment = intentId == null ? null : Payment.<Payment>find("stripePaymentIntentId", intentId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElse(null);
        if (payment == null || !payment.received()) {
            throw new NotYet("the payment of " + intentId + " is not received yet");
        }
        recordRefund(refund);
        return setRefunded(payment, Math.max(payment.refundedMinor, settledRefunds(payment.id)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String applyAccount(Account account, Instant asOf) {
        boolean known = accounts.applyAccountState(account.getId(), Boolean.TRUE.equals(account.getChargesEnabled()),
                Boolean.TRUE.equals(account.getPayoutsEnabled()), Boolean.TRUE.equals(account.getDetailsSubmitted()),
                asOf);
        return known ? "account " + account.getId() + " updated" : "ignored: unknown account";
    }

    private String setRefunded(Payment payment, long refunded) {
        if (refunded <= payment.refundedMinor) {
            return "no change: " + payment.refundedMinor + " refunded already";
        }
        payments.applyRefund(payment, refunded - payment.refundedMinor);
        readModels.organizationChanged(payment.organizationId);
        return "payment " + payment.id + " refunded " + payment.refundedMinor;
    }

    /** Our refund row for Stripe's refund: found by its id or the id in its metadata, else added. */
    private void recordRefund(com.stripe.model.Refund refund) {
        Optional<Refund> ours = Refund.<Refund>find("stripeRefundId", refund.getId()).firstResultOptional();
        if (ours.isEmpty() && refund.getMetadata() != null && refund.getMetadata().get("refund_id") != null) {
            ours = Refund.findByIdOptional(Long.parseLong(refund.getMetadata().get("refund_id")));
        }
        Refund row = ours.orElseGet(() -> {
            Payment payment = Payment.<Payment>find("stripePaymentIntentId", refund.getPaymentIntent())
                    .firstResult();
            Refund r = new Refund();
            r.organizationId = payment.organizationId;
            r.paymentId = payment.id;
            r.amountMinor = refund.getAmount();
            r.reason = "Refunded in Stripe";
            r.persist();
            return r;
        });
        row.stripeRefundId = refund.getId();
        String status = String.valueOf(refund.getStatus()).toLowerCase(Locale.ROOT);
        row.status = switch (status) {
            case "succeeded" -> Refund.SUCCEEDED;
            case "failed", "canceled" -> Refund.FAILED;
            default -> Refund.PENDING;
        };
        row.updatedAt = Instant.now();
        Refund.flush();
    }

    private static long settledRefunds(long paymentId) {
        return Refund.<Refund>list("paymentId = ?1 and status = ?2", paymentId, Refund.SUCCEEDED).stream()
                .mapToLong(r -> r.amountMinor).sum();
    }

    private Optional<Payment> paymentOf(PaymentIntent intent) {
        Optional<Payment> byIntent = Payment.<Payment>find("stripePaymentIntentId", intent.getId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (byIntent.isPresent()) {
            return byIntent;
        }
        Map<String, String> meta = intent.getMetadata() == null ? Map.of() : intent.getMetadata();
        Long org = number(meta.get("organization_id"));
        Long client = number(meta.get("client_id"));
        if (org == null || client == null) {
            return Optional.empty();
        }
        Long paymentId = number(meta.get("payment_id"));
        if (paymentId != null) {
            Optional<Payment> ours = Payment.findForUpdate(org, paymentId)
                    .filter(p -> p.clientId.equals(client) && (p.stripePaymentIntentId == null
                            || p.stripePaymentIntentId.equals(intent.getId())));
            if (ours.isPresent()) {
                ours.get().stripePaymentIntentId = intent.getId();
                return ours;
            }
        }
        // Rebuilt only as a payment our own code could have started: a positive amount in the organization's
        // currency (anything else would be summed into revenue as if it were that currency).
        if (!clients.exists(org, client) || intent.getAmount() == null || intent.getAmount() <= 0
                || !accounts.currencyOf(org).equalsIgnoreCase(String.valueOf(intent.getCurrency()))) {
            return Optional.empty();
        }
        Payment rebuilt = new Payment();
        rebuilt.organizationId = org;
        rebuilt.clientId = client;
        rebuilt.amountMinor = intent.getAmount();
        rebuilt.currency = String.valueOf(intent.getCurrency()).toUpperCase(Locale.ROOT);
        rebuilt.method = "card";
        rebuilt.status = Payment.PENDING;
        rebuilt.stripePaymentIntentId = intent.getId();
        rebuilt.description = intent.getDescription();
        rebuilt.platformFeeMinor = intent.getApplicationFeeAmount() == null ? 0 : intent.getApplicationFeeAmount();
        Long productId = number(meta.get("product_id"));
        rebuilt.paymentType = "other";
        if (productId != null) {
            products.live(org, productId).ifPresent(p -> {
                rebuilt.productId = p.id;
                rebuilt.paymentType = PaymentService.typeOf(p);
            });
        }
        rebuilt.persist();
        return Optional.of(rebuilt);
    }

    static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String truncate(String message) {
        return message == null ? null : message.length() > 500 ? message.substring(0, 500) : message;
    }

}
