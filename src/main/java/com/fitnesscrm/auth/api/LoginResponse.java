package com.fitnesscrm.auth.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "LoginResponse", description = "Tokens after login, registration, invitation acceptance or refresh")
public record LoginResponse(
        @Schema(example = "Login successful") String message,
        @Schema(description = "RS256 access token for the Authorization: Bearer header") String token,
        @Schema(description = "Single-use refresh token for POST /api/auth/refresh") String refreshToken,
        @Schema(example = "Bearer") String tokenType,
        @Schema(description = "Access token lifetime in seconds", example = "900") long expiresIn,
        UserView user) {
}
