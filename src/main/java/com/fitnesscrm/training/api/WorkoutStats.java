package com.fitnesscrm.training.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@RegisterForReflection
@Schema(name = "WorkoutStats", description = "Completion and streaks, in calendar days of the client's time zone")
public record WorkoutStats(
        long clientId,
        @Schema(example = "Europe/London") String timeZone,
        @Schema(description = "The last 12 ISO weeks, oldest first") List<Week> weeks,
        @Schema(description = "Completed ÷ assigned over those weeks, in percent (capped at 100); null when nothing"
                + " was assigned") Double completionRate,
        int workoutsThisWeek,
        int currentStreakDays,
        int longestStreakDays,
        int currentStreakWeeks,
        int longestStreakWeeks) {

    @RegisterForReflection
    @Schema(name = "WorkoutWeek")
    public record Week(LocalDate weekStart,
                       @Schema(description = "Scheduled workouts that week plus weekly targets of unscheduled"
                               + " assignments") int assigned,
                       int completed) {
    }

    /** The figures the client portal shows. */
    @RegisterForReflection
    @Schema(name = "WorkoutPortalFigures")
    public record PortalFigures(int workoutsThisWeek, Double completionRate, int currentStreakDays) {
    }
}
