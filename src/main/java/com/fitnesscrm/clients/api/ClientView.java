package com.fitnesscrm.clients.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Client", description = "A client. Medical conditions and emergency contacts are only ever shown"
        + " to the client, their trainers and admins.")
// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
public record ClientView(
        long id,
        @Schema(example = "Riley Client") String name,
        @Schema(example = "riley@example.com") String email,
        String phone,
        @Schema(example = "34") Integer age,
        @Schema(example = "Run a half marathon") String goals,
        String medicalConditions,
        String emergencyContact,
        String emergencyPhone,
        @Schema(enumeration = {"active", "inactive", "pending"}) String status,
        String membershipType,
        Instant startDate,
        @Schema(description = "The client's login, if any") Long userId,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {
}
