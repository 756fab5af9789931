package com.fitnesscrm.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** A client's best performances on one exercise, each with the log that set it. */
@Entity
@Table(name = "personal_records")
public class PersonalRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "exercise_id", nullable = false)
    public Long exerciseId;

    @Column(name = "estimated_1rm_kg")
    public BigDecimal estimated1rmKg;

    @Column(name = "estimated_1rm_weight_kg")
    public BigDecimal estimated1rmWeightKg;

    @Column(name = "estimated_1rm_reps")
    public Integer estimated1rmReps;

    @Column(name = "estimated_1rm_log_id")
    public Long estimated1rmLogId;

    @Column(name = "estimated_1rm_at")
    public Instant estimated1rmAt;

    @Column(name = "max_weight_kg")
    public BigDecimal maxWeightKg;

    @Column(name = "max_weight_reps")
    public Integer maxWeightReps;

    @Column(name = "max_weight_log_id")
    public Long maxWeightLogId;

    @Column(name = "max_weight_at")
    public Instant maxWeightAt;

    @Column(name = "best_set_volume_kg")
    public BigDecimal bestSetVolumeKg;

    @Column(name = "best_set_volume_log_id")
    public Long bestSetVolumeLogId;

    @Column(name = "best_set_volume_at")
    public Instant bestSetVolumeAt;

    @Column(name = "best_session_volume_kg")
    public BigDecimal bestSessionVolumeKg;

    @Column(name = "best_session_volume_log_id")
    public Long bestSessionVolumeLogId;

    @Column(name = "best_session_volume_at")
    public Instant bestSessionVolumeAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
