package com.fitnesscrm.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** One set as actually done. */
@Entity
@Table(name = "workout_log_sets")
public class WorkoutLogSet extends PanacheEntityBase {

    /** From the table's sequence, 50 ids per call, so a log's sets are inserted as one batch (migration V13). */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "workout_log_set_ids")
    @SequenceGenerator(name = "workout_log_set_ids", sequenceName = "workout_log_sets_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "workout_log_id", nullable = false)
    public Long workoutLogId;

    @Column(name = "exercise_id", nullable = false)
    public Long exerciseId;

    @Column(name = "set_number")
    public Integer setNumber;

    public Integer reps;

    @Column(name = "weight_kg")
    public BigDecimal weightKg;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    public BigDecimal rpe;

    @Column(nullable = false)
    public boolean completed = true;

    public String notes;
}
