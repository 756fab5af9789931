package com.fitnesscrm.scheduling.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "RecurringSession")
public record RecurringSessionView(
        long id,
        long trainerId,
        long clientId,
        LocalDate startDate,
        LocalDate endDate,
        Integer occurrences,
        @Schema(example = "07:00:00") String startTime,
        @Schema(example = "Europe/London") String timeZone,
        int duration,
        String sessionType,
        String location,
        @Schema(enumeration = {"daily", "weekly", "biweekly", "monthly"}) String recurrencePattern,
        @Schema(description = "0 = Monday … 6 = Sunday") List<Integer> recurrenceDays,
        int intervalWeeks,
        String notes,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {
}
