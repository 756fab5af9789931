package com.fitnesscrm.auth.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the auth endpoints. */
public final class Requests {

    private Requests() {
    }

    @Schema(name = "RegisterRequest")
    public record Register(
            @NotBlank @Email @Size(max = 254) @Schema(example = "owner@studio.example") String email,
            @NotBlank @Size(max = 128) @Schema(example = "Str0ng-Passw0rd!2026") String password,
            @Size(max = 200) @Schema(example = "Sam Owner") String name,
            @Size(max = 200) @Schema(example = "Peak Performance Studio") String organizationName,
            @Schema(description = "Ignored: a registrant always becomes admin of a new organization", hidden = true)
            String role,
            @Size(max = 64) @Schema(description = "IANA time zone of the organization (default UTC)",
                    example = "Europe/London") String timeZone) {
    }

    @Schema(name = "LoginRequest")
    public record Login(
            @NotBlank @Size(max = 254) @Schema(example = "admin@demo.fitnesscrm.app") String email,
            @NotBlank @Size(max = 128) @Schema(example = "Demo-Admin-2026!") String password) {
    }

    @Schema(name = "RefreshRequest")
    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    @Schema(name = "ChangePasswordRequest")
    public record ChangePassword(
            @NotBlank @Size(max = 128) String currentPassword,
            @NotBlank @Size(max = 128) String newPassword) {
    }

    @Schema(name = "ForgotPasswordRequest")
    public record ForgotPassword(@NotBlank @Size(max = 254) String email) {
    }

    @Schema(name = "ResetPasswordRequest")
    public record ResetPassword(
            @NotBlank @Size(max = 200) String token,
            @NotBlank @Size(max = 128) String password) {
    }

    @Schema(name = "AcceptInvitationRequest")
    public record AcceptInvite(
            @NotBlank @Size(max = 200) String token,
            @NotBlank @Size(max = 128) String password) {
    }

    @Schema(name = "InvitationRequest")
    public record Invite(
            @NotBlank @Email @Size(max = 254) @Schema(example = "new.coach@example.com") String email,
            @NotBlank @Schema(enumeration = {"trainer", "client"}, example = "trainer") String role,
            @Size(max = 200) @Schema(example = "Jordan Coach") String name) {
    }

    @Schema(name = "CheckEmailRequest")
    public record CheckEmail(@NotBlank @Size(max = 254) String email) {
    }

    @Schema(name = "RoleChangeRequest")
    public record ChangeRole(
            @NotBlank @Schema(enumeration = {"admin", "trainer"}, example = "admin") String role) {
    }
}
