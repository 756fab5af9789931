package com.fitnesscrm.training.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Programs: templates scheduled over weeks as days 1..7×weeks. */
public final class ProgramRequests {

    private ProgramRequests() {
    }

    @Schema(name = "WorkoutProgramRequest", description = "name and duration_weeks are required on create; `days`,"
            + " when present, replaces the whole schedule. A day without a workout is a rest day.")
    public record Save(
            @Size(max = 200) String name,
            @Size(max = 5000) String description,
            Integer durationWeeks,
            Boolean isPublic,
            @Size(max = 364) List<DayLine> days) {
    }

    @Schema(name = "WorkoutProgramDayRequest")
    public record DayLine(@Schema(description = "1 .. 7 × duration_weeks") Integer day, Long workoutTemplateId) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutProgramDay")
    public record DayView(int day, @Schema(description = "Week 1..n") int week,
                          @Schema(description = "Day of that week, 1..7") int dayOfWeek, long workoutTemplateId,
                          @Schema(description = "Without its exercises") WorkoutTemplateView workoutTemplate) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutProgram", description = "`days` lists the workout days only, by day; the others are rest"
            + " days")
    public record View(long id, String name, String description, int durationWeeks, boolean isPublic,
                       Long createdBy, int workoutDays, int restDays, Instant createdAt, Instant updatedAt,
                       List<DayView> days) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutProgramPage")
    public record Page(List<View> programs, long total, int pages, int currentPage) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutProgramSaved")
    public record Saved(String message, View program) {
    }
}
