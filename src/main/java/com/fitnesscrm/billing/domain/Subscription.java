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
import java.util.Optional;
import java.util.Set;

/**
 * A client's membership, mirrored from the Stripe subscription that bills it. Our row comes first (its id is the
 * idempotency key and travels in the subscription's metadata); its state is Stripe's, as the newest event or
 * answer applied says.
 */
@Entity
@Table(name = "subscriptions")
public class Subscription extends PanacheEntityBase {

    /** Before Stripe answered (or before Checkout was completed). */
    public static final String INCOMPLETE = "incomplete";
    public static final String CANCELED = "canceled";
    /** States a subscription never leaves. */
    public static final Set<String> ENDED = Set.of(CANCELED, "incomplete_expired");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "product_id")
    public Long productId;

    @Column(name = "stripe_subscription_id")
    public String stripeSubscriptionId;

    @Column(name = "stripe_checkout_session_id")
    public String stripeCheckoutSessionId;

    @Column(nullable = false)
    public String status;

    @Column(name = "amount_minor")
    public Long amountMinor;

    public String currency;

    @Column(name = "billing_interval")
    public String billingInterval;

    @Column(name = "current_period_end")
    public Instant currentPeriodEnd;

    @Column(name = "cancel_at_period_end", nullable = false)
    public boolean cancelAtPeriodEnd;

    @Column(name = "canceled_at")
    public Instant canceledAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** When the state applied was Stripe's: an older event arriving later does not undo it. */
    @Column(name = "stripe_state_at")
    public Instant stripeStateAt;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public boolean ended() {
        return ENDED.contains(status);
    }

    public static Optional<Subscription> findForUpdate(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2", id, organizationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<Subscription> byStripeIdForUpdate(String stripeSubscriptionId) {
        return find("stripeSubscriptionId", stripeSubscriptionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
