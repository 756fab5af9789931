package com.fitnesscrm.trainers.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** A trainer's profile in an organization; soft-deleted so history keeps its name. */
@Entity
@Table(name = "trainers")
public class Trainer extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "user_id")
    public Long userId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    public String phone;
    public String specialization;
    public String certification;
    public Integer experience;
    public String bio;

    @Column(name = "hourly_rate")
    public BigDecimal hourlyRate;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static Optional<Trainer> findLive(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2 and deletedAt is null", id, organizationId).firstResultOptional();
    }

    public static Optional<Trainer> findByUser(long organizationId, long userId) {
        return find("userId = ?1 and organizationId = ?2 and deletedAt is null", userId, organizationId)
                .firstResultOptional();
    }

    public static Optional<Trainer> findByEmail(long organizationId, String email) {
        return find("email = ?1 and organizationId = ?2 and deletedAt is null", email, organizationId)
                .firstResultOptional();
    }
}
