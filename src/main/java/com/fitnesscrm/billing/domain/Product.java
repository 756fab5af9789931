package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** Something the business sells: a session package, a membership, or a single session. */
@Entity
@Table(name = "products")
public class Product extends PanacheEntityBase {

    public static final String PACKAGE = "package";
    public static final String MEMBERSHIP = "membership";
    public static final String SINGLE_SESSION = "single_session";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "price_minor", nullable = false)
    public long priceMinor;

    @Column(nullable = false)
    public String currency;

    @Column(name = "session_count")
    public Integer sessionCount;

    @Column(name = "validity_days")
    public Integer validityDays;

    @Column(name = "billing_interval")
    public String billingInterval;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "stripe_product_id")
    public String stripeProductId;

    @Column(name = "stripe_price_id")
    public String stripePriceId;

    /** What {@link #stripePriceId} was made for (price, currency, interval): a changed price needs a new one. */
    @Column(name = "stripe_price_key")
    public String stripePriceKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static Optional<Product> findLive(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2 and deletedAt is null", id, organizationId).firstResultOptional();
    }
}
