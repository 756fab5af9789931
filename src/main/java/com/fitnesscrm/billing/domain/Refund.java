package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Money given back on a payment: all of it or part. */
@Entity
@Table(name = "refunds")
public class Refund extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "payment_id", nullable = false)
    public Long paymentId;

    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    public String reason;

    @Column(nullable = false)
    public String status;

    @Column(name = "stripe_refund_id")
    public String stripeRefundId;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
