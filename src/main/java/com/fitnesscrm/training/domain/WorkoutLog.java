package com.fitnesscrm.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A workout the client did (or started), with the version of their copy it was done against. */
@Entity
@Table(name = "workout_logs")
public class WorkoutLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "client_workout_id")
    public Long clientWorkoutId;

    @Column(name = "client_workout_version")
    public Integer clientWorkoutVersion;

    @Column(name = "workout_template_id")
    public Long workoutTemplateId;

    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;

    @Column(name = "duration_minutes")
    public Integer durationMinutes;

    @Column(name = "difficulty_rating")
    public Integer difficultyRating;

    public String notes;

    @Column(nullable = false)
    public boolean completed = true;

    @Column(name = "logged_by")
    public Long loggedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();
}
