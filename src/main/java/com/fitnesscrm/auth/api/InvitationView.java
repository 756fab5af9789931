package com.fitnesscrm.auth.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "Invitation")
public record InvitationView(
        long id,
        String email,
        @Schema(enumeration = {"trainer", "client"}) String role,
        String name,
        @Schema(enumeration = {"pending", "accepted", "revoked", "expired"}) String status,
        @Schema(description = "User id of the inviter") long invitedBy,
        Instant expiresAt,
        Instant acceptedAt,
        Instant createdAt) {
}
