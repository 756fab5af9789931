package com.fitnesscrm.clients.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A trainer–client link: it is what lets a trainer see a client. */
@Entity
@Table(name = "trainer_client_assignments")
public class Assignment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "trainer_id", nullable = false)
    public Long trainerId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    public String notes;

    @Column(nullable = false)
    public String status = "active";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static boolean linked(long trainerId, long clientId) {
        return count("trainerId = ?1 and clientId = ?2 and deletedAt is null", trainerId, clientId) > 0;
    }

    public static int endAllOfTrainer(long organizationId, long trainerId) {
        return update("deletedAt = ?1, status = 'ended' where organizationId = ?2 and trainerId = ?3"
                + " and deletedAt is null", Instant.now(), organizationId, trainerId);
    }

    public static int endAllOfClient(long organizationId, long clientId) {
        return update("deletedAt = ?1, status = 'ended' where organizationId = ?2 and clientId = ?3"
                + " and deletedAt is null", Instant.now(), organizationId, clientId);
    }
}
