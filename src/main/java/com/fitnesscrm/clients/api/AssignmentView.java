package com.fitnesscrm.clients.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
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
