package com.fitnesscrm.dashboard.api;

import com.fitnesscrm.goals.api.GoalResponses;
import com.fitnesscrm.measurements.api.MeasurementView;
import com.fitnesscrm.scheduling.api.SessionView;
import com.fitnesscrm.training.api.WorkoutStats;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One client's progress at a glance: the figures the client portal shows, also read by their trainers. */
@RegisterForReflection
@Schema(name = "ClientProgress")
public record ClientProgressView(
        long clientId,
        @Schema(description = "Workouts completed this week (Monday to Sunday in the client's time zone)")
        int workoutsThisWeek,
        @Schema(description = "Completed ÷ assigned workouts over the last 12 weeks, in percent; null when nothing"
                + " was assigned") Double completionRate,
        @Schema(description = "Consecutive days with a completed workout; rest days of the client's program do not"
                + " break it") int currentStreakDays,
        int longestStreakDays,
        @Schema(description = "Consecutive weeks with a completed workout") int currentStreakWeeks,
        @Schema(description = "The client's next live session the caller can see; null when none")
        SessionView nextSession,
        @Schema(description = "The newest measurement, in the caller's unit system; null when none")
        MeasurementView latestMeasurement,
        GoalResponses.Counts goals,
        @Schema(description = "Completion and streak details") WorkoutStats workouts) {
}
