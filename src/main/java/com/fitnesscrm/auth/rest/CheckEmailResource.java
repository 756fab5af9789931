package com.fitnesscrm.auth.rest;

import com.fitnesscrm.auth.api.Requests;
import com.fitnesscrm.auth.service.AccountService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.common.web.Text;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lets the trainer and client forms warn before submitting a taken email. Not public: no account enumeration. */
@Path("/api/check-email")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.TRAINER_NAME})
@SecurityRequirement(name = "bearerAuth")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "People")
public class CheckEmailResource {

    private final AccountService accounts;

    public CheckEmailResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Operation(summary = "Is this email already registered?")
    @APIResponse(responseCode = "200", description = "Whether a login exists for the email",
            content = @Content(schema = @Schema(implementation = CheckEmailResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing email", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public CheckEmailResponse check(@Valid @NotNull Requests.CheckEmail request) {
        boolean exists = accounts.emailRegistered(request.email());
        return new CheckEmailResponse(Text.normalizeEmail(request.email()), exists, !exists);
    }

    @Schema(name = "CheckEmailResponse")
    public record CheckEmailResponse(String email, boolean exists, boolean available) {
    }
}
