package com.fitnesscrm.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** An exercise: from the global library (no organization) or one of an organization's own. */
@Entity
@Table(name = "exercises")
public class Exercise extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id")
    public Long organizationId;

    @Column(nullable = false)
    public String name;

    public String category;

    @Column(name = "muscle_group")
    public String muscleGroup;

    /** Comma-separated muscle keys. */
    @Column(name = "secondary_muscles")
    public String secondaryMuscles;

    public String equipment;
    public String difficulty;
    public String description;
    public String instructions;
    public String tips;

    @Column(name = "image_url")
    public String imageUrl;

    @Column(name = "video_url")
    public String videoUrl;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean isCustom() {
        return organizationId != null;
    }

    /** A live exercise the organization can use: the global library's or its own. */
    public static Optional<Exercise> findUsable(long organizationId, long id) {
        return find("id = ?1 and (organizationId is null or organizationId = ?2) and deletedAt is null",
                id, organizationId).firstResultOptional();
    }
}
