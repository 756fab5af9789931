package com.fitnesscrm.clients.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A client of the organization; soft-deleted so history keeps its name. */
@Entity
@Table(name = "clients")
public class Client extends PanacheEntityBase {

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
    public Integer age;
    public String goals;

    @Column(name = "medical_conditions")
    public String medicalConditions;

    @Column(name = "emergency_contact")
    public String emergencyContact;

    @Column(name = "emergency_phone")
    public String emergencyPhone;

    @Column(nullable = false)
    public String status = "active";

    @Column(name = "membership_type")
    public String membershipType;

    @Column(name = "start_date", nullable = false)
    public Instant startDate = Instant.now();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static Optional<Client> findLive(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2 and deletedAt is null", id, organizationId).firstResultOptional();
    }

    public static Optional<Client> findByUser(long organizationId, long userId) {
        return find("userId = ?1 and organizationId = ?2 and deletedAt is null", userId, organizationId)
                .firstResultOptional();
    }

    public static Optional<Client> findByEmail(long organizationId, String email) {
        return find("email = ?1 and organizationId = ?2 and deletedAt is null", email, organizationId)
                .firstResultOptional();
    }
}
