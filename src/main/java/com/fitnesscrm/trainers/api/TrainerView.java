package com.fitnesscrm.trainers.api;

import com.fitnesscrm.common.web.PersonName;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "Trainer")
public record TrainerView(
        long id,
        @Schema(example = "Jordan Coach") String name,
        @Schema(description = "The first word of name (the SPA's pickers show first and last name)", example = "Jordan") String firstName,
        @Schema(description = "The rest of name after its first word; empty for a one-word name", example = "Coach") String lastName,
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

    /** The stored fields; first and last name are derived from {@code name} ({@link PersonName}). */
    public TrainerView(long id, String name, String email, String phone, String specialization,
                       String certification, Integer experience, String bio, BigDecimal hourlyRate, boolean active,
                       Long userId, Instant createdAt, Instant updatedAt, Instant deletedAt) {
        this(id, name, PersonName.of(name).first(), PersonName.of(name).last(), email, phone, specialization,
                certification, experience, bio, hourlyRate, active, userId, createdAt, updatedAt, deletedAt);
    }
}
