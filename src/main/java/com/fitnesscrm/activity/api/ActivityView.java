package com.fitnesscrm.activity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

@Schema(name = "Activity", description = "One row of the activity feed: who did what to which record")
@io.quarkus.runtime.annotations.RegisterForReflection
public record ActivityView(
        long id,
        @Schema(example = "update", description = "create, update or delete") String action,
        @Schema(example = "client", description = "client, trainer or assignment") String entityType,
        Long entityId,
        @Schema(description = "Email of the login that acted", example = "admin@example.com") String userIdentifier,
        @Schema(description = "The record's name at the time", example = "Riley Client") String name,
        @Schema(description = "The record's email at the time") String email,
        @Schema(description = "A contact line when the event carried one") String contact,
        @Schema(description = "Role of the login that acted", enumeration = {"admin", "trainer", "client"}) String role,
        @Schema(description = "What changed; for updates the changed fields, e.g. {\"fields\": [\"phone\"]}")
        Map<String, Object> details,
        @Schema(description = "Shown to admins only") String ipAddress,
        @Schema(description = "Shown to admins only") String userAgent,
        Instant createdAt,
        @Schema(description = "Same as created_at (the SPA reads this name)") Instant timestamp) {
}
