package com.fitnesscrm.training.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@RegisterForReflection
@Schema(name = "WorkoutExercise", description = "One exercise of a template, or of a client's copy (then"
        + " `client_workout_id` and `version` are set)")
public record WorkoutExerciseView(
        long id,
        Long workoutTemplateId,
        Long clientWorkoutId,
        Integer version,
        long exerciseId,
        @Schema(description = "The full exercise (the SPA reads exercise.name)") ExerciseView exercise,
        int order,
        @Schema(example = "3") Integer sets,
        @Schema(example = "8-12") String reps,
        Integer durationSeconds,
        @Schema(example = "90") Integer restSeconds,
        @Schema(example = "20 kg") String weight,
        @Schema(example = "3-1-1-0") String tempo,
        String notes) {
}
