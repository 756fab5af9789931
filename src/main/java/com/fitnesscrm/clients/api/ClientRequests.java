package com.fitnesscrm.clients.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Client and assignment request bodies. Numbers may arrive as strings ("34") and empty fields as "". */
public final class ClientRequests {

    private ClientRequests() {
    }

    static final String STATUS = "^(|active|inactive|pending)$";

    @Schema(name = "ClientCreateRequest")
    public record Create(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 128) @Schema(description = "Creates the client's login when given") String password,
            @Size(max = 40) String phone,
            @Min(0) @Max(130) Integer age,
            @Size(max = 5000) String goals,
            @Size(max = 5000) String medicalConditions,
            @Size(max = 200) String emergencyContact,
            @Size(max = 40) String emergencyPhone,
            @Pattern(regexp = STATUS, message = "must be active, inactive or pending") String status,
            @Size(max = 60) String membershipType) {
    }

    @Schema(name = "ClientUpdateRequest", description = "Fields present are updated; an empty string clears an"
            + " optional text field")
    public record Update(
            @Size(max = 200) String name,
            @Email @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @Min(0) @Max(130) Integer age,
            @Size(max = 5000) String goals,
            @Size(max = 5000) String medicalConditions,
            @Size(max = 200) String emergencyContact,
            @Size(max = 40) String emergencyPhone,
            @Pattern(regexp = STATUS, message = "must be active, inactive or pending") String status,
            @Size(max = 60) String membershipType) {
    }

    @Schema(name = "ClientSetPasswordRequest")
    public record SetPassword(@NotBlank @Size(max = 128) String password) {
    }

    @Schema(name = "AssignRequest")
    public record Assign(
            @NotNull @Positive Long trainerId,
            @NotNull @Positive Long clientId,
            @Size(max = 5000) String notes) {
    }

    public record Filter(String search, String status, String goals) {
    }
}
