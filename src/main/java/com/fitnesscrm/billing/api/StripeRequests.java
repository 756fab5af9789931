package com.fitnesscrm.billing.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** The contract's /api/stripe/* bodies and answers. Card details never come here: Stripe.js collects them. */
public final class StripeRequests {

    private StripeRequests() {
    }

    @Schema(name = "StripeConfig")
    public record Config(@Schema(description = "Stripe.js's key; the only Stripe key the API ever returns")
                         String publishableKey, boolean enabled) {
    }

    @Schema(name = "PaymentIntentRequest", description = "A client pays for themself (client_id is theirs); staff"
            + " may start a payment for one of their clients. product_id sets the amount; else amount (major units)"
            + " or amount_minor.")
    public record CreatePaymentIntent(Long clientId, Long productId, BigDecimal amount, Long amountMinor,
                                      String currency, @Size(max = 500) String description) {
    }

    @Schema(name = "PaymentIntentCreated", description = "Hand client_secret to Stripe.js to collect and confirm the"
            + " card; the payment is recorded as pending until Stripe says it succeeded")
    public record PaymentIntentCreated(long paymentId, String paymentIntentId, String clientSecret, double amount,
                                       long amountMinor, String currency, String status, String publishableKey) {
    }

    @Schema(name = "ConfirmPaymentRequest")
    public record ConfirmPayment(@Schema(description = "The PaymentIntent Stripe.js confirmed") String paymentIntentId) {
    }

    @Schema(name = "StripeRefundRequest", description = "Without an amount, whatever is not refunded yet")
    public record Refund(Long paymentId, BigDecimal amount, Long amountMinor, @Size(max = 500) String reason) {
    }

    @Schema(name = "ConnectOnboarding", description = "Send the admin to url to finish Stripe's onboarding")
    public record Onboarding(String accountId, String url) {
    }

    @Schema(name = "PaymentMethod", description = "A saved card: brand and last four digits only")
    public record PaymentMethod(String id, String type, String brand, String last4, Long expMonth, Long expYear) {
    }

    @Schema(name = "PaymentMethodList")
    public record PaymentMethods(List<PaymentMethod> paymentMethods) {
    }

    @Schema(name = "StripeEventRecord", description = "A webhook event received, and what became of it")
    public record EventRecord(String id, String type, @Schema(description = "The connected account it came from")
                              String account, java.time.Instant created, java.time.Instant receivedAt,
                              java.time.Instant processedAt,
                              @Schema(enumeration = {"pending", "processed", "ignored", "failed"}) String status,
                              String outcome, String error, int deliveries, int attempts) {
    }

    @Schema(name = "StripeEventList", description = "Newest first")
    public record EventList(List<EventRecord> events) {
    }

    @Schema(name = "WebhookReceived")
    public record WebhookReceived(boolean received, String eventId, String status) {
    }
}
