package com.fitnesscrm.training.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RegisterForReflection
@Schema(name = "ClientWorkout", description = "A template assigned to a client: the client's own copy of its"
        + " exercise list (`exercises`, at `version`), which the trainer may adjust without changing the template")
public record ClientWorkoutView(
        long id,
        long clientId,
        long workoutTemplateId,
        @Schema(description = "The template, without its exercises") WorkoutTemplateView workoutTemplate,
        @Schema(description = "The user who assigned it (from the token)") Long assignedBy,
        Instant assignedDate,
        LocalDate startDate,
        LocalDate endDate,
        Integer frequencyPerWeek,
        @Schema(description = "Weekdays of a weekly schedule, 0 = Monday … 6 = Sunday") List<Integer> scheduleDays,
        String notes,
        @Schema(enumeration = {"active", "completed", "paused"}) String status,
        @Schema(description = "The copy's current version; each change of its exercises adds one") int version,
        @Schema(description = "Set when the copy was made by assigning a program") Long programAssignmentId,
        @Schema(description = "The copy's exercises at `version`") List<WorkoutExerciseView> exercises,
        Instant updatedAt) {
}
