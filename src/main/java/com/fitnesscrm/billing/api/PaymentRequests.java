package com.fitnesscrm.billing.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

public final class PaymentRequests {

    private PaymentRequests() {
    }

    @Schema(name = "PaymentRequest", description = "A payment recorded by hand (cash, bank transfer, cheque). POST"
            + " needs client_id and an amount (major units, or amount_minor); the currency is the organization's."
            + " A succeeded payment of a package product gives the client that package. PUT changes the fields"
            + " present; a Stripe payment only takes description, reference and notes. Numbers may be strings.")
    public record Save(
            @Schema(example = "12") Long clientId,
            @Schema(description = "A product being paid for; its kind sets payment_type") Long productId,
            @Schema(example = "450.00") BigDecimal amount,
            @Schema(example = "45000") Long amountMinor,
            @Schema(example = "USD") String currency,
            @Schema(description = "Default cash", enumeration = {"cash", "bank_transfer", "check", "other"})
            String method,
            @Schema(description = "The same as method (the older name)") String paymentMethod,
            @Schema(description = "Default: from the product, else other",
                    enumeration = {"package", "membership", "session", "other"}) String paymentType,
            @Schema(description = "Default succeeded", enumeration = {"pending", "succeeded"}) String status,
            @Size(max = 500) String description,
            @Size(max = 200) String reference,
            @Size(max = 5000) String notes,
            @Schema(description = "Pending payments: when it is due (YYYY-MM-DD)") String dueDate,
            @Schema(description = "Default now for a succeeded payment") String paidAt,
            @Schema(description = "The same as paid_at (the older name)") String paymentDate) {
    }

    @Schema(name = "RefundRequest", description = "A refund of a payment recorded by hand (Stripe payments are"
            + " refunded with POST /api/stripe/refund). Without an amount, whatever was not refunded yet.")
    public record Refund(
            BigDecimal amount,
            Long amountMinor,
            @Size(max = 500) String reason) {
    }

    public record Filter(Long clientId, String status, String paymentType, String method, String startDate,
                         String endDate) {
    }

    @Schema(name = "PaymentPage", description = "Newest first")
    public record PaymentPage(List<PaymentView> payments, long total, int page, int perPage, int pages,
                              boolean hasNext, boolean hasPrev) {
    }

    @Schema(name = "PaymentSaved")
    public record PaymentSaved(String message, PaymentView payment) {
    }
}
