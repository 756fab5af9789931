package com.fitnesscrm.training.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Logging workouts and reading them back. */
public final class WorkoutLogRequests {

    private WorkoutLogRequests() {
    }

    @Schema(name = "WorkoutLogRequest", description = "client_id is required. completed_date in any form the SPA"
            + " sends (wall-clock times are the client's time zone), default now.")
    public record Create(
            Long clientId,
            Long clientWorkoutId,
            Long workoutTemplateId,
            String completedDate,
            Integer durationMinutes,
            @Schema(description = "1 – 10") Integer difficultyRating,
            @Size(max = 5000) String notes,
            @Schema(description = "Default true") Boolean completed,
            @Size(max = 200) List<@Valid SetLine> sets) {
    }

    @Schema(name = "WorkoutLogSetRequest", description = "exercise_id is required. The load is weight_kg (also"
            + " read as weight or load), a number or numeric string, 0 – 1000 kg")
    public record SetLine(
            Long exerciseId,
            Integer setNumber,
            Integer reps,
            @JsonAlias({"weight", "load"}) BigDecimal weightKg,
            Integer durationSeconds,
            @Schema(description = "Rate of perceived exertion, 1 – 10") BigDecimal rpe,
            Boolean completed,
            @Size(max = 2000) String notes) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutLogSet")
    public record SetView(long id, long exerciseId, String exerciseName, Integer setNumber, Integer reps,
                          BigDecimal weightKg, Integer durationSeconds, BigDecimal rpe, boolean completed,
                          String notes) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutLog", description = "A logged workout; `client_workout_version` is the version of the"
            + " client's copy it was done against")
    public record View(long id, long clientId, Long clientWorkoutId, Integer clientWorkoutVersion,
                       Long workoutTemplateId, String workoutName, Instant completedDate, Integer durationMinutes,
                       Integer difficultyRating, String notes, boolean completed, Long loggedBy, Instant createdAt,
                       List<SetView> sets) {
    }

    @RegisterForReflection
    @Schema(name = "PersonalRecordBroken", description = "A record this log set or raised")
    public record RecordBroken(long exerciseId, String exerciseName,
                               @Schema(enumeration = {"estimated_1rm", "max_weight", "best_set_volume",
                                       "best_session_volume"}) String record,
                               BigDecimal valueKg, @Schema(description = "null for a first record") BigDecimal previousKg) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutLogSaved")
    public record Saved(String message, View log, List<RecordBroken> newRecords) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutLogList")
    public record Listing(List<View> logs) {
    }
}
