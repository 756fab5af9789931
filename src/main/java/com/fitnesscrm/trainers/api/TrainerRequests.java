package com.fitnesscrm.trainers.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** Trainer request bodies. Numbers may arrive as strings ("5") and empty fields as "". */
public final class TrainerRequests {

    private TrainerRequests() {
    }

    @Schema(name = "TrainerCreateRequest")
    public record Create(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 128) @Schema(description = "Creates the trainer's login when given") String password,
            @Size(max = 40) String phone,
            @Size(max = 200) String specialization,
            @Size(max = 200) String certification,
            @Min(0) @Max(80) Integer experience,
            @Size(max = 5000) String bio,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal hourlyRate,
            Boolean active) {
    }

    @Schema(name = "TrainerUpdateRequest", description = "Fields present are updated; an empty string clears an"
            + " optional text field")
    public record Update(
            @Size(max = 200) String name,
            @Email @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @Size(max = 200) String specialization,
            @Size(max = 200) String certification,
            @Min(0) @Max(80) Integer experience,
            @Size(max = 5000) String bio,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal hourlyRate,
            Boolean active) {
    }

    @Schema(name = "SetPasswordRequest")
    public record SetPassword(@NotBlank @Size(max = 128) String password) {
    }

    public record Filter(String search, String specialization, Boolean active) {
    }
}
