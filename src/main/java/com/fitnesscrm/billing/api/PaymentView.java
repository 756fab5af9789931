package com.fitnesscrm.billing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

@RegisterForReflection
@Schema(name = "Payment", description = "A payment in the organization's ledger. amount_minor and refunded_minor are"
        + " integers of the currency's minor unit; amount, refunded_amount and net_amount are the same in major"
        + " units (numbers, never null)")
public record PaymentView(
        long id,
        long clientId,
        String clientName,
        Long productId,
        @Schema(description = "The package this payment bought, if any") Long packageId,
        @Schema(example = "450.0") double amount,
        @Schema(example = "45000") long amountMinor,
        @Schema(example = "USD") String currency,
        double refundedAmount,
        long refundedMinor,
        @Schema(description = "amount - refunded_amount") double netAmount,
        @Schema(description = "The platform's fee on a Stripe payment, in minor units") long platformFeeMinor,
        @Schema(enumeration = {"card", "cash", "bank_transfer", "check", "other"}) String method,
        @Schema(description = "The same as method (the older name)") String paymentMethod,
        @Schema(enumeration = {"package", "membership", "session", "other"}) String paymentType,
        @Schema(enumeration = {"pending", "succeeded", "failed", "partially_refunded", "refunded", "void"})
        String status,
        String description,
        @Schema(description = "A cheque number, bank reference or receipt number") String reference,
        String notes,
        LocalDate dueDate,
        @Schema(description = "When the money was received") Instant paidAt,
        @Schema(description = "The same as paid_at (the older name)") Instant paymentDate,
        String failureMessage,
        @Schema(description = "Set for payments made through Stripe") String stripePaymentIntentId,
        Long recordedBy,
        Instant voidedAt,
        Instant createdAt,
        Instant updatedAt) {
}
