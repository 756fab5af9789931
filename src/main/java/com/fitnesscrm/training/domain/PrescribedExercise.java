package com.fitnesscrm.training.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** One exercise of a workout as prescribed: order, sets, reps or time, load, rest, tempo and notes. */
@MappedSuperclass
public abstract class PrescribedExercise extends io.quarkus.hibernate.orm.panache.PanacheEntityBase {

    @Column(name = "exercise_id", nullable = false)
    public Long exerciseId;

    /** The contract's {@code order}, a reserved word in SQL. */
    @Column(nullable = false)
    public int position;

    public Integer sets;

    /** Free text such as "8-12" or "AMRAP". */
    public String reps;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "rest_seconds")
    public Integer restSeconds;

    /** Free text such as "20 kg" or "bodyweight". */
    public String weight;

    public String tempo;
    public String notes;

    /** Copies the prescription (not the owner) from another row. */
    public void copyFrom(PrescribedExercise other) {
        exerciseId = other.exerciseId;
        position = other.position;
        sets = other.sets;
        reps = other.reps;
        durationSeconds = other.durationSeconds;
        restSeconds = other.restSeconds;
        weight = other.weight;
        tempo = other.tempo;
        notes = other.notes;
    }

    /** Whether two rows prescribe the same thing (used to skip a version bump for an unchanged list). */
    public boolean samePrescription(PrescribedExercise other) {
        return java.util.Objects.equals(exerciseId, other.exerciseId) && position == other.position
                && java.util.Objects.equals(sets, other.sets) && java.util.Objects.equals(reps, other.reps)
                && java.util.Objects.equals(durationSeconds, other.durationSeconds)
                && java.util.Objects.equals(restSeconds, other.restSeconds)
                && java.util.Objects.equals(weight, other.weight) && java.util.Objects.equals(tempo, other.tempo)
                && java.util.Objects.equals(notes, other.notes);
    }
}
