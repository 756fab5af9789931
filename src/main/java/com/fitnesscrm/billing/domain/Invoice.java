package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A Stripe invoice of a client (a subscription's period), as Stripe last told us. */
@Entity
@Table(name = "invoices")
public class Invoice extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String PAID = "paid";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "stripe_invoice_id", nullable = false)
    public String stripeInvoiceId;

    @Column(name = "stripe_subscription_id")
    public String stripeSubscriptionId;

    public String number;

    @Column(nullable = false)
    public String status;

    @Column(name = "amount_due_minor", nullable = false)
    public long amountDueMinor;

    @Column(name = "amount_paid_minor", nullable = false)
    public long amountPaidMinor;

    @Column(nullable = false)
    public String currency;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "hosted_invoice_url")
    public String hostedInvoiceUrl;

    @Column(name = "stripe_state_at")
    public Instant stripeStateAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
