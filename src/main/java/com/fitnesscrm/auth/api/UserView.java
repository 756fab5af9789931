package com.fitnesscrm.auth.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "User", description = "A login of the organization")
public record UserView(
        @Schema(example = "12") long id,
        @Schema(example = "coach@example.com") String email,
        @Schema(enumeration = {"admin", "trainer", "client"}, example = "trainer") String role,
        @Schema(example = "Alex Coach") String name,
        @Schema(example = "3") long organizationId,
        boolean active,
        Instant createdAt,
        Instant lastLogin) {
}
