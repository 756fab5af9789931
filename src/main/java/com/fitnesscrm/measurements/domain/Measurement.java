package com.fitnesscrm.measurements.domain;

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

/** One body measurement of a client, stored in kilograms and centimetres whatever it was entered in. */
@Entity
@Table(name = "measurements")
public class Measurement extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "measurement_date", nullable = false)
    public Instant measurementDate;

    @Column(name = "weight_kg")
    public BigDecimal weightKg;

    @Column(name = "body_fat_percentage")
    public BigDecimal bodyFatPercentage;

    @Column(name = "muscle_mass_kg")
    public BigDecimal muscleMassKg;

    public BigDecimal bmi;

    @Column(name = "chest_cm")
    public BigDecimal chestCm;

    @Column(name = "waist_cm")
    public BigDecimal waistCm;

    @Column(name = "hips_cm")
    public BigDecimal hipsCm;

    @Column(name = "thigh_left_cm")
    public BigDecimal thighLeftCm;

    @Column(name = "thigh_right_cm")
    public BigDecimal thighRightCm;

    @Column(name = "arm_left_cm")
    public BigDecimal armLeftCm;

    @Column(name = "arm_right_cm")
    public BigDecimal armRightCm;

    @Column(name = "calf_left_cm")
    public BigDecimal calfLeftCm;

    @Column(name = "calf_right_cm")
    public BigDecimal calfRightCm;

    @Column(name = "resting_heart_rate")
    public Integer restingHeartRate;

    @Column(name = "blood_pressure_systolic")
    public Integer bloodPressureSystolic;

    @Column(name = "blood_pressure_diastolic")
    public Integer bloodPressureDiastolic;

    public String notes;

    /** The role of whoever recorded it ({@code admin}, {@code trainer}, {@code client}). */
    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_by_user_id")
    public Long recordedByUserId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static Optional<Measurement> findInOrganization(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2", id, organizationId).firstResultOptional();
    }
}
