package com.fitnesscrm.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The workout of one program day. */
@Entity
@Table(name = "workout_program_days")
public class ProgramDay extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "program_id", nullable = false)
    public Long programId;

    @Column(name = "day_number", nullable = false)
    public int dayNumber;

    @Column(name = "workout_template_id", nullable = false)
    public Long workoutTemplateId;
}
