package com.fitnesscrm.training.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One exercise of a template. */
@Entity
@Table(name = "workout_template_exercises")
public class TemplateExercise extends PrescribedExercise {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workout_template_id", nullable = false)
    public Long workoutTemplateId;
}
