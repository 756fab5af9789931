package com.fitnesscrm.training.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One exercise of one version of a client's copy. */
@Entity
@Table(name = "client_workout_exercises")
public class ClientWorkoutExercise extends PrescribedExercise {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_workout_id", nullable = false)
    public Long clientWorkoutId;

    @Column(nullable = false)
    public int version;
}
