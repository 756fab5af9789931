package com.fitnesscrm.clients.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Assignment", description = "A trainer–client link")
public record AssignmentView(
        long id,
        long trainerId,
        long clientId,
        String notes,
        String status,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {
}
