package com.fitnesscrm.billing.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Sessions a client bought in advance: used one at a time until none are left or the package expires. */
@Entity
@Table(name = "client_packages")
public class ClientPackage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "product_id")
    public Long productId;

    @Column(name = "payment_id")
    public Long paymentId;

    @Column(nullable = false)
    public String name;

    @Column(name = "sessions_total", nullable = false)
    public int sessionsTotal;

    @Column(name = "sessions_used", nullable = false)
    public int sessionsUsed;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    /** active, used_up, expired or void: derived, so it is never out of date. */
    public String status(Instant now) {
        if (voidedAt != null) {
            return "void";
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return "expired";
        }
        return sessionsUsed >= sessionsTotal ? "used_up" : "active";
    }
}
