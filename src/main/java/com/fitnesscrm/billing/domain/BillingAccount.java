package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An organization's currency and, once connected, its Stripe account. Without a row: USD, not connected. */
@Entity
@Table(name = "billing_accounts")
public class BillingAccount extends PanacheEntityBase {

    public static final String DEFAULT_CURRENCY = "USD";

    @Id
    @Column(name = "organization_id")
    public Long organizationId;

    @Column(nullable = false)
    public String currency = DEFAULT_CURRENCY;

    @Column(name = "stripe_account_id")
    public String stripeAccountId;

    @Column(name = "charges_enabled", nullable = false)
    public boolean chargesEnabled;

    @Column(name = "payouts_enabled", nullable = false)
    public boolean payoutsEnabled;

    @Column(name = "details_submitted", nullable = false)
    public boolean detailsSubmitted;

    @Column(name = "stripe_state_at")
    public Instant stripeStateAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
