package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The Stripe customer that stands for a client. */
@Entity
@Table(name = "stripe_customers")
public class StripeCustomer extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public Long clientId;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();
}
