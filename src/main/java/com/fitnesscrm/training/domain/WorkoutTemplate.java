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

/** A reusable workout: organization-wide when public, else private to its creator (and the admins). */
@Entity
@Table(name = "workout_templates")
public class WorkoutTemplate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(nullable = false)
    public String name;

    public String description;
    public String category;
    public String difficulty;

    @Column(name = "duration_minutes")
    public Integer durationMinutes;

    @Column(name = "duration_weeks")
    public Integer durationWeeks;

    @Column(name = "image_url")
    public String imageUrl;

    @Column(name = "video_url")
    public String videoUrl;

    @Column(name = "is_public", nullable = false)
    public boolean isPublic;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static Optional<WorkoutTemplate> findLive(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2 and deletedAt is null", id, organizationId).firstResultOptional();
    }
}
