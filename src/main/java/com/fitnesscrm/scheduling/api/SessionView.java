package com.fitnesscrm.scheduling.api;

import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.trainers.api.TrainerView;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A training session as the SPA reads it: the list form carries trainer_name and client_name, the single form
 * also the trainer and client objects.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "Session")
public record SessionView(
        long id,
        long trainerId,
        long clientId,
        @Schema(description = "Start (UTC, ISO-8601)") Instant sessionDate,
        Instant endTime,
        @Schema(description = "Minutes", example = "60") int duration,
        String sessionType,
        String location,
        String notes,
        @Schema(enumeration = {"scheduled", "requested", "completed", "cancelled", "no-show"}) String status,
        Long recurringSessionId,
        @Schema(description = "The client cancelled inside the organization's cancellation window")
        boolean lateCancellation,
        @Schema(description = "A client's request the trainer declined") boolean declined,
        Instant cancelledAt,
        @Schema(description = "The client's package that paid for this session (completed, or charged as a late"
                + " cancellation or no-show); null when none did") Long packageId,
        String trainerName,
        String clientName,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Single read only") TrainerView trainer,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Single read only") ClientView client,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {
}
