package com.fitnesscrm.scheduling.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Session request bodies. Ids and durations may arrive as strings; dates in any of the SPA's formats. */
public final class SessionRequests {

    private SessionRequests() {
    }

    @Schema(name = "SessionCreateRequest")
    public record Create(
            @NotNull @Positive Long trainerId,
            @NotNull @Positive Long clientId,
            @NotBlank @Schema(description = "Start: ISO-8601, or YYYY-MM-DDTHH:MM in the organization's time zone",
                    example = "2026-12-01T07:00") String sessionDate,
            @Schema(description = "Minutes, 1 to 720 (default 60)", example = "60") Integer duration,
            @Size(max = 100) String sessionType,
            @Size(max = 500) String location,
            @Size(max = 5000) String notes,
            @Schema(enumeration = {"scheduled", "requested", "completed", "cancelled", "no-show"}) String status,
            @Schema(description = "Admins and trainers: book even if it overlaps another session, falls outside"
                    + " working hours or in time off") Boolean overrideConflicts) {
    }

    @Schema(name = "SessionUpdateRequest", description = "Fields present are updated")
    public record Update(
            @Positive Long trainerId,
            @Positive Long clientId,
            String sessionDate,
            Integer duration,
            @Size(max = 100) String sessionType,
            @Size(max = 500) String location,
            @Size(max = 5000) String notes,
            @Schema(enumeration = {"scheduled", "requested", "completed", "cancelled", "no-show"}) String status,
            @Schema(description = "Admins and trainers: book even if it overlaps another session, falls outside"
                    + " working hours or in time off") Boolean overrideConflicts,
            @Schema(description = "Admins and trainers: record a cancellation as late (or not) by hand")
            Boolean lateCancellation,
            @Schema(description = "For an occurrence of a series: `this` (default), `following` or `all`",
                    enumeration = {"this", "following", "all"}) String scope) {
    }

    @Schema(name = "SessionDeclineRequest")
    public record Decline(@Size(max = 1000) @Schema(description = "Shown to the client") String reason) {
    }

    public record Filter(Long trainerId, Long clientId, String status, String startDate, String endDate) {
    }
}
