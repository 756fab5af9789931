package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Money a client owes that someone should remind them of: an overdue payment or invoice, or a failed charge. */
@Entity
@Table(name = "payment_reminders")
public class PaymentReminder extends PanacheEntityBase {

    public static final String INVOICE_OVERDUE = "invoice_overdue";
    public static final String PAYMENT_FAILED = "payment_failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "payment_id")
    public Long paymentId;

    @Column(name = "invoice_id")
    public Long invoiceId;

    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    @Column(nullable = false)
    public String currency;

    public String reason;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
