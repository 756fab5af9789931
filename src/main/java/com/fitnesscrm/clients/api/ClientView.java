package com.fitnesscrm.clients.api;

import com.fitnesscrm.common.web.PersonName;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Client", description = "A client. Medical conditions and emergency contacts are only ever shown"
        + " to the client, their trainers and admins.")
// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
public record ClientView(
        long id,
        @Schema(example = "Riley Client") String name,
        @Schema(description = "The first word of name (the SPA's pickers show first and last name)", example = "Riley") String firstName,
        @Schema(description = "The rest of name after its first word; empty for a one-word name", example = "Client") String lastName,
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

    /** The stored fields; first and last name are derived from {@code name} ({@link PersonName}). */
    public ClientView(long id, String name, String email, String phone, Integer age, String goals,
                      String medicalConditions, String emergencyContact, String emergencyPhone, String status,
                      String membershipType, Instant startDate, Long userId, Instant createdAt, Instant updatedAt,
                      Instant deletedAt) {
        this(id, name, PersonName.of(name).first(), PersonName.of(name).last(), email, phone, age, goals,
                medicalConditions, emergencyContact, emergencyPhone, status, membershipType, startDate, userId,
                createdAt, updatedAt, deletedAt);
    }
}
