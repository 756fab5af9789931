package com.fitnesscrm.settings.api;

import com.fitnesscrm.scheduling.api.ScheduleViews;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * The settings page: the organization's business details, messaging credentials (secrets only ever as "***"),
 * scheduling policy, and the caller's own time zone and calendar feed.
 */
@RegisterForReflection
@Schema(name = "Settings")
public record SettingsView(
        @Schema(description = "The organization's id") long id,
        String businessName,
        String ownerName,
        String contactEmail,
        String contactPhone,
        String address,
        String website,
        String logoUrl,
        @Schema(description = "\"***\" when set, else null; never the key", example = "***") String sendgridApiKey,
        String sendgridFromEmail,
        String sendgridFromName,
        boolean sendgridEnabled,
        @Schema(description = "\"***\" when set, else null", example = "***") String twilioAccountSid,
        @Schema(description = "\"***\" when set, else null", example = "***") String twilioAuthToken,
        String twilioPhoneNumber,
        boolean twilioEnabled,
        @Schema(description = "The organization's IANA time zone", example = "Europe/London") String timeZone,
        @Schema(description = "The caller's own time zone; null means the organization's") String userTimeZone,
        @Schema(description = "The units the caller reads measurements in (kg and cm, or lbs and inches)",
                enumeration = {"metric", "imperial"}) String unitSystem,
        @Schema(description = "Default weekly working hours for trainers without their own")
        List<ScheduleViews.WorkingPeriod> workingHours,
        @Schema(description = "Minutes kept free between a trainer's sessions") int bufferMinutes,
        @Schema(description = "A client cancelling later than this many hours before the start cancels late")
        int cancellationWindowHours,
        @Schema(description = "A late cancellation uses a session of the client's package") boolean lateCancellationUsesPackage,
        @Schema(description = "A no-show uses a session of the client's package") boolean noShowUsesPackage,
        @Schema(description = "The caller's secret calendar subscription URL (null until created with"
                + " POST /api/calendar/feed)") String calendarFeedUrl,
        Instant createdAt,
        Instant updatedAt) {
}
