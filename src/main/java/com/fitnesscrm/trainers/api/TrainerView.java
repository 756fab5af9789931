package com.fitnesscrm.trainers.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "Trainer")
public record TrainerView(
        long id,
        @Schema(example = "Jordan Coach") String name,
        @Schema(example = "jordan@studio.example") String email,
        String phone,
        @Schema(example = "Strength & conditioning") String specialization,
        @Schema(example = "NSCA-CSCS") String certification,
        @Schema(description = "Years of experience", example = "6") Integer experience,
        String bio,
        @Schema(example = "65.00") BigDecimal hourlyRate,
        boolean active,
        @Schema(description = "The trainer's login, if any") Long userId,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {
}
