package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** Money a client paid (or owes: pending), in minor units of its currency. */
@Entity
@Table(name = "payments")
public class Payment extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String PARTIALLY_REFUNDED = "partially_refunded";
    public static final String REFUNDED = "refunded";
    public static final String VOID = "void";
    /** The statuses of money received (refunds are subtracted through {@link #refundedMinor}). */
    public static final Set<String> RECEIVED = Set.of(SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "product_id")
    public Long productId;

    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    @Column(nullable = false)
    public String currency;

    @Column(name = "refunded_minor", nullable = false)
    public long refundedMinor;

    @Column(name = "platform_fee_minor", nullable = false)
    public long platformFeeMinor;

    @Column(nullable = false)
    public String method;

    @Column(name = "payment_type", nullable = false)
    public String paymentType;

    @Column(nullable = false)
    public String status;

    public String description;
    public String reference;
    public String notes;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "failure_message")
    public String failureMessage;

    @Column(name = "stripe_payment_intent_id")
    public String stripePaymentIntentId;

    @Column(name = "stripe_checkout_session_id")
    public String stripeCheckoutSessionId;

    @Column(name = "stripe_charge_id")
    public String stripeChargeId;

    @Column(name = "stripe_invoice_id")
    public String stripeInvoiceId;

    @Column(name = "recorded_by")
    public Long recordedBy;

    @Column(name = "voided_at")
    public Instant voidedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    /** Whether Stripe holds this payment (it is then changed by Stripe's events and refunded there, never edited). */
    public boolean throughStripe() {
        return stripePaymentIntentId != null || stripeCheckoutSessionId != null || stripeInvoiceId != null;
    }

    public boolean received() {
        return RECEIVED.contains(status);
    }

    public static Optional<Payment> findForUpdate(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2", id, organizationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
