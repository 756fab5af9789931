package com.fitnesscrm.scheduling.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Working hours, time off and availability: what the calendar is checked against and what clients may book. */
public final class ScheduleViews {

    private ScheduleViews() {
    }

    @Schema(name = "WorkingPeriod", description = "One stretch of a weekly pattern, in the organization's local time")
    public record WorkingPeriod(
            @NotNull @Schema(description = "0 = Monday … 6 = Sunday", example = "0") Integer weekday,
            @NotBlank @Schema(example = "09:00") String startTime,
            @NotBlank @Schema(example = "17:00") String endTime) {
    }

    @RegisterForReflection
    @Schema(name = "WorkingHours")
    public record WorkingHours(
            Long trainerId,
            @Schema(example = "Europe/London") String timeZone,
            @Schema(description = "Whose hours these are: the trainer's own, the organization's default, or none set"
                    + " (then any time is bookable)", enumeration = {"trainer", "organization", "none"}) String source,
            List<WorkingPeriod> workingHours,
            @Schema(description = "Minutes kept free between a trainer's sessions") int bufferMinutes) {
    }

    @Schema(name = "WorkingHoursRequest", description = "Replaces the whole weekly pattern; an empty list clears it")
    public record WorkingHoursRequest(@NotNull @Size(max = 50) List<@Valid @NotNull WorkingPeriod> workingHours) {
    }

    @RegisterForReflection
    @Schema(name = "TimeOff")
    public record TimeOff(long id, long trainerId, Instant startsAt, Instant endsAt, String reason,
                          Instant createdAt) {
    }

    @Schema(name = "TimeOffRequest")
    public record TimeOffRequest(
            @Positive @Schema(description = "Default: the calling trainer") Long trainerId,
            @NotBlank @Schema(example = "2026-12-24") String startsAt,
            @NotBlank @Schema(description = "A date alone means the end of that day", example = "2026-12-27")
            String endsAt,
            @Size(max = 200) String reason) {
    }

    @Schema(name = "Slot")
    public record Slot(Instant start, Instant end) {
    }

    @RegisterForReflection
    @Schema(name = "Availability", description = "Free slots: working hours minus sessions (with the buffer) and"
            + " time off, from now on")
    public record Availability(
            long trainerId,
            String timeZone,
            @Schema(description = "Slot length in minutes") int duration,
            int bufferMinutes,
            @Schema(description = "False when neither the trainer nor the organization set working hours; then"
                    + " there are no slots to offer") boolean workingHoursConfigured,
            List<Slot> slots) {
    }
}
