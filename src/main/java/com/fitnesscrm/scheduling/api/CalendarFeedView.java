package com.fitnesscrm.scheduling.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@RegisterForReflection
@Schema(name = "CalendarFeed", description = "A secret iCalendar subscription URL for Google or Apple Calendar;"
        + " anyone holding it can read the sessions, so treat it like a password and rotate it if it leaks")
public record CalendarFeedView(
        @Schema(example = "https://api.example.com/api/calendar/feed/3q2-7Xb….ics") String url,
        Instant createdAt,
        @Schema(description = "When a calendar app last fetched it") Instant lastPolledAt) {
}
