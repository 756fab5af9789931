package com.fitnesscrm.settings.api;

import com.fitnesscrm.scheduling.api.ScheduleViews;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One settings form at a time, as the SPA sends it (form strings). Absent fields stay as they are; an empty
 * secret, or the "***" mask sent back, keeps the stored secret.
 */
@Schema(name = "SettingsRequest")
public record SettingsRequest(
        @Size(max = 200) String businessName,
        @Size(max = 200) String ownerName,
        @Size(max = 254) String contactEmail,
        @Size(max = 50) String contactPhone,
        @Size(max = 500) String address,
        @Size(max = 500) String website,
        @Size(max = 1000) String logoUrl,
        @Size(max = 500) String sendgridApiKey,
        @Size(max = 254) String sendgridFromEmail,
        @Size(max = 200) String sendgridFromName,
        Boolean sendgridEnabled,
        @Size(max = 100) String twilioAccountSid,
        @Size(max = 200) String twilioAuthToken,
        @Size(max = 30) String twilioPhoneNumber,
        Boolean twilioEnabled,
        @Schema(description = "Admins: the organization's IANA time zone") String timeZone,
        @Schema(description = "Anyone: their own time zone; \"\" returns to the organization's") String userTimeZone,
        @Schema(description = "Anyone: the units they read measurements in; \"\" returns to metric",
                enumeration = {"metric", "imperial"}) String unitSystem,
        @Size(max = 50) List<ScheduleViews.@Valid @NotNull WorkingPeriod> workingHours,
        @Schema(description = "0 to 240") Integer bufferMinutes,
        @Schema(description = "0 to 336") Integer cancellationWindowHours,
        @Schema(description = "Admins: whether a late cancellation uses a session of the client's package")
        Boolean lateCancellationUsesPackage,
        @Schema(description = "Admins: whether a no-show uses a session of the client's package")
        Boolean noShowUsesPackage) {
}
