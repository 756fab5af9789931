package com.fitnesscrm.billing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Memberships billed by Stripe, their invoices, Checkout, and the reminders of money owed. */
public final class SubscriptionViews {

    private SubscriptionViews() {
    }

    @RegisterForReflection
    @Schema(name = "Subscription", description = "A client's membership, as Stripe bills it")
    public record SubscriptionView(long id, long clientId, String clientName, Long productId, String productName,
                                   String stripeSubscriptionId,
                                   @Schema(description = "Stripe's status: incomplete, active, past_due, unpaid,"
                                           + " canceled, incomplete_expired, trialing, paused") String status,
                                   Double amount, Long amountMinor, String currency,
                                   @Schema(enumeration = {"week", "month"}) String billingInterval,
                                   Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant canceledAt,
                                   Instant endedAt, Instant createdAt) {
    }

    @Schema(name = "SubscriptionList", description = "Newest first")
    public record SubscriptionList(List<SubscriptionView> subscriptions) {
    }

    @RegisterForReflection
    @Schema(name = "Invoice", description = "A Stripe invoice (a membership's period) and its receipt link")
    public record InvoiceView(long id, long clientId, String stripeInvoiceId, String stripeSubscriptionId,
                              String number, @Schema(description = "draft, open, paid, uncollectible, void")
                              String status, double amountDue, long amountDueMinor, double amountPaid,
                              long amountPaidMinor, String currency, Instant dueAt, Instant paidAt,
                              @Schema(description = "Stripe's page of the invoice and its receipt")
                              String hostedInvoiceUrl, Instant createdAt) {
    }

    @Schema(name = "InvoiceList", description = "Newest first")
    public record InvoiceList(List<InvoiceView> invoices) {
    }

    @Schema(name = "CreateSubscriptionRequest", description = "A client subscribes themself (client_id is theirs);"
            + " staff may subscribe one of their clients. product_id names a membership.")
    public record CreateSubscription(Long clientId, Long productId) {
    }

    @Schema(name = "SubscriptionCreated", description = "Hand client_secret to Stripe.js to collect the card and"
            + " pay the first invoice; the membership turns active when Stripe says it is paid")
    public record SubscriptionCreated(SubscriptionView subscription, String clientSecret, String publishableKey) {
    }

    @Schema(name = "CancelSubscriptionRequest")
    public record CancelSubscription(@Schema(description = "Our subscription id, or Stripe's (sub_…)")
                                     String subscriptionId,
                                     @Schema(description = "true (default): at the end of the period already paid"
                                             + " for; false: now") Boolean atPeriodEnd) {
    }

    @Schema(name = "SubscriptionSaved")
    public record SubscriptionSaved(String message, SubscriptionView subscription) {
    }

    @Schema(name = "CheckoutSessionRequest", description = "A hosted payment page for one product: a package or a"
            + " single session is paid once, a membership subscribes. The return URLs must be on the SPA's origin.")
    public record CreateCheckout(Long clientId, Long productId, @Size(max = 2000) String successUrl,
                                 @Size(max = 2000) String cancelUrl) {
    }

    @Schema(name = "CheckoutSessionCreated", description = "Send the browser to url")
    public record CheckoutCreated(String sessionId, String url,
                                  @Schema(enumeration = {"payment", "subscription"}) String mode,
                                  @Schema(description = "The pending payment (mode payment)") Long paymentId,
                                  @Schema(description = "The pending subscription (mode subscription)")
                                  Long subscriptionId) {
    }

    @RegisterForReflection
    @Schema(name = "PaymentReminder", description = "Money a client owes that someone should remind them of")
    public record ReminderView(long id, long clientId, String clientName,
                               @Schema(enumeration = {"invoice_overdue", "payment_failed"}) String kind,
                               Long paymentId, Long invoiceId, double amount, long amountMinor, String currency,
                               String reason, Instant dueAt, Instant createdAt, Instant resolvedAt,
                               @Schema(enumeration = {"open", "resolved"}) String status) {
    }

    @Schema(name = "PaymentReminderPage", description = "Newest first")
    public record ReminderPage(List<ReminderView> reminders, long total, int page, int perPage, int pages,
                               boolean hasNext, boolean hasPrev) {
    }
}
