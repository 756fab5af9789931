package com.fitnesscrm.scheduling.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

public final class RecurringRequests {

    private RecurringRequests() {
    }

    @Schema(name = "RecurringSessionCreateRequest")
    public record Create(
            @NotNull @Positive Long trainerId,
            @NotNull @Positive Long clientId,
            @NotBlank @Schema(example = "2026-12-01") String startDate,
            @NotBlank @Schema(description = "HH:MM or HH:MM:SS, wall-clock time in the organization's zone",
                    example = "07:00") String startTime,
            @NotBlank @Schema(enumeration = {"daily", "weekly", "biweekly", "monthly"}) String recurrencePattern,
            @Schema(description = "Weekdays for weekly patterns, 0 = Monday … 6 = Sunday") List<Integer> recurrenceDays,
            @Schema(description = "Last date (inclusive); default: 90 days, or as many as `occurrences`") String endDate,
            @Min(1) @Max(366) @Schema(description = "Number of sessions instead of an end date") Integer occurrences,
            @Min(1) @Max(12) @Schema(description = "Every N weeks (weekly pattern)") Integer intervalWeeks,
            Integer duration,
            @Size(max = 100) String sessionType,
            @Size(max = 500) String location,
            @Size(max = 5000) String notes,
            @Schema(description = "Admins and trainers: book occurrences outside working hours or in time off"
                    + " too (overlapping ones are always skipped)") Boolean overrideConflicts) {
    }

    @Schema(name = "SkippedOccurrence", description = "An occurrence not booked: the slot was taken, the trainer"
            + " is off, or it falls outside working hours")
    public record Skipped(Instant sessionDate, String reason) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "RecurringSessionCreated")
    public record Created(RecurringSessionView recurringSession, int sessionsCreated, List<Skipped> skipped) {
    }
}
