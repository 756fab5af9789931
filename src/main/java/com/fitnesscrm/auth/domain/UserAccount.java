package com.fitnesscrm.auth.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A login: one per email address, belonging to one organization with one role. */
@Entity
@Table(name = "users")
public class UserAccount extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(nullable = false)
    public String email;

    public String name;

    @Column(nullable = false)
    public String role;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public boolean active = true;

    /** The user's own IANA time zone; null means the organization's. */
    @Column(name = "time_zone")
    public String timeZone;

    /** The units the user reads measurements in: {@code metric} (kg, cm) or {@code imperial} (lbs, inches). */
    @Column(name = "unit_system", nullable = false)
    public String unitSystem = "metric";

    @Column(name = "last_login")
    public Instant lastLogin;

    @Column(name = "password_changed_at", nullable = false)
    public Instant passwordChangedAt = Instant.now();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static Optional<UserAccount> findByEmail(String normalizedEmail) {
        return find("email", normalizedEmail).firstResultOptional();
    }

    public static Optional<UserAccount> findInOrganization(long organizationId, long userId) {
        return find("id = ?1 and organizationId = ?2", userId, organizationId).firstResultOptional();
    }
}
