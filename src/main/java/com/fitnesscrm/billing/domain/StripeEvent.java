package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A webhook event as Stripe delivered it, and what became of it. */
@Entity
@Table(name = "stripe_events")
public class StripeEvent extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String PROCESSED = "processed";
    public static final String IGNORED = "ignored";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "organization_id")
    public Long organizationId;

    @Column(name = "account_id")
    public String accountId;

    @Column(nullable = false)
    public String type;

    @Column(name = "stripe_created", nullable = false)
    public Instant stripeCreated;

    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public int deliveries;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    public String outcome;
    public String error;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "processed_at")
    public Instant processedAt;
}
