package com.fitnesscrm.training.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Assigning templates and programs to clients, and changing a client's copy. */
public final class AssignmentRequests {

    private AssignmentRequests() {
    }

    @Schema(name = "WorkoutAssignRequest", description = "client_id and either workout_template_id (also read as"
            + " template_id) or program_id are required. assigned_by / trainer_id are accepted and ignored: the"
            + " assigner is the caller. Dates in any form the SPA sends; a program starts on start_date (default"
            + " today).")
    public record Assign(
            Long clientId,
            @JsonAlias("template_id") Long workoutTemplateId,
            Long programId,
            String assignedBy,
            String trainerId,
            String startDate,
            String endDate,
            Integer frequencyPerWeek,
            @Size(max = 5000) String notes,
            @Schema(enumeration = {"active", "completed", "paused"}) String status,
            @Size(max = 7) @Schema(description = "Weekdays, 0 = Monday … 6 = Sunday") List<Integer> scheduleDays) {
    }

    @Schema(name = "WorkoutAssignmentUpdate", description = "Fields present are changed (\"\" clears a date);"
            + " `exercises`, when present, replaces the copy's list as a new version. The template never changes.")
    public record Update(
            String startDate,
            String endDate,
            Integer frequencyPerWeek,
            @Size(max = 5000) String notes,
            @Schema(enumeration = {"active", "completed", "paused"}) String status,
            @Size(max = 7) List<Integer> scheduleDays,
            @Size(max = 100) List<WorkoutTemplateRequests.@Valid ExerciseLine> exercises) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutAssignmentSaved", description = "`assignment` is the client_workout; a program"
            + " assignment also lists every copy it made (`assignments`) and its dated schedule (`program_assignment`)")
    public record Saved(String message, ClientWorkoutView assignment, List<ClientWorkoutView> assignments,
                        ProgramAssignmentView programAssignment, List<ScheduledWorkoutView> scheduledWorkouts) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutAssignmentList")
    public record Listing(List<ClientWorkoutView> assignments) {
    }

    @RegisterForReflection
    @Schema(name = "ProgramAssignment")
    public record ProgramAssignmentView(long id, long clientId, long programId, String programName,
                                        LocalDate startDate, LocalDate endDate, String notes, Long assignedBy,
                                        Instant createdAt) {
    }

    @RegisterForReflection
    @Schema(name = "ScheduledWorkout", description = "A workout set for a date of the client's calendar")
    public record ScheduledWorkoutView(long id, long clientId, long clientWorkoutId, long workoutTemplateId,
                                       String workoutName, Long programAssignmentId,
                                       @Schema(description = "Day 1..n of the program") Integer programDay,
                                       LocalDate scheduledDate,
                                       @Schema(description = "The assignment was paused") boolean cancelled,
                                       @Schema(description = "A completed log of this workout exists that day")
                                       boolean completed) {
    }

    @RegisterForReflection
    @Schema(name = "ScheduledWorkoutList")
    public record Schedule(List<ScheduledWorkoutView> scheduledWorkouts) {
    }

    @RegisterForReflection
    @Schema(name = "ClientWorkoutVersion", description = "One version of a client's copy, as the client was given it")
    public record VersionView(long clientWorkoutId, int version, Long createdBy, Instant createdAt,
                              List<WorkoutExerciseView> exercises) {
    }

    @RegisterForReflection
    @Schema(name = "ClientWorkoutVersionList")
    public record Versions(List<VersionView> versions) {
    }
}
