package com.fitnesscrm.trainers.api;

import com.fitnesscrm.common.web.PersonName;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a client sees of one of their own trainers: who they are and how to reach them (the client portal's
 * "your trainer" card and the message picker), never rates, notes or logins.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "TrainerContact", description = "A trainer as their own client sees them")
public record TrainerContact(
        long id,
        @Schema(example = "Jordan Coach") String name,
        @Schema(example = "Jordan") String firstName,
        @Schema(example = "Coach") String lastName,
        @Schema(example = "jordan@studio.example") String email,
        String phone,
        @Schema(example = "Strength & conditioning") String specialization,
        @Schema(example = "NSCA-CSCS") String certification) {

    public TrainerContact(long id, String name, String email, String phone, String specialization,
                          String certification) {
        this(id, name, PersonName.of(name).first(), PersonName.of(name).last(), email, phone, specialization,
                certification);
    }
}
