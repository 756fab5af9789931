package com.fitnesscrm.auth.rest;

import com.fitnesscrm.auth.api.LoginResponse;
import com.fitnesscrm.auth.api.Requests;
import com.fitnesscrm.auth.api.UserView;
import com.fitnesscrm.auth.service.AuthService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Auth", description = "Registration, login, tokens and passwords")
public class AuthResource {

    private final AuthService auth;
    private final CurrentUser caller;

    public AuthResource(AuthService auth, CurrentUser caller) {
        this.auth = auth;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @PermitAll
    @Operation(summary = "Register a new organization", description = "Creates an organization with the registrant"
            + " as its admin (who can also train clients). A role in the body is ignored: nobody can make"
            + " themselves admin of an existing organization. Limited to 5 per minute per IP and per email.")
    @APIResponse(responseCode = "201", description = "Registered and signed in",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input or weak password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Email already registered", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Rate limited", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response register(@Valid @NotNull Requests.Register request) {
        return Response.status(201).entity(auth.register(request)).build();
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Sign in", description = "Answers the same for an unknown email and a wrong password."
            + " Limited to 5 attempts per minute per IP and per email.")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing fields", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Invalid email or password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Account disabled", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Rate limited", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public LoginResponse login(@Valid @NotNull Requests.Login request) {
        return auth.login(request);
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Rotate a refresh token", description = "Each refresh token works once. Presenting one"
            + " that was already used revokes every token of that login and answers 401.")
    @APIResponse(responseCode = "200", description = "New access and refresh tokens",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @APIResponse(responseCode = "401", description = "Invalid, expired, revoked or reused refresh token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public LoginResponse refresh(@Valid @NotNull Requests.Refresh request) {
        return auth.refresh(request.refreshToken());
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Sign out this login", description = "Revokes the refresh tokens of the current login.")
    @APIResponse(responseCode = "200", description = "Signed out",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse logout() {
        auth.logout(caller);
        return new MessageResponse("Logged out successfully");
    }

    @POST
    @Path("/logout-all")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Sign out every session", description = "Revokes every refresh token of the caller.")
    @APIResponse(responseCode = "200", description = "Signed out everywhere",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse logoutAll() {
        auth.logoutEverywhere(caller);
        return new MessageResponse("Logged out of all sessions");
    }

    @GET
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = MeResponse.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MeResponse me() {
        return new MeResponse(auth.me(caller));
    }

    @POST
    @Path("/change-password")
    @Authenticated
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Change the caller's password", description = "Signs out the caller's other sessions.")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "400", description = "Weak new password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Wrong current password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse changePassword(@Valid @NotNull Requests.ChangePassword request) {
        auth.changePassword(caller, request);
        return new MessageResponse("Password changed successfully");
    }

    @POST
    @Path("/forgot-password")
    @PermitAll
    @Operation(summary = "Email a password-reset link",
            description = "Answers the same whether or not the email has an account.")
    @APIResponse(responseCode = "202", description = "If the account exists, an email is on its way",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "429", description = "Rate limited", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response forgotPassword(@Valid @NotNull Requests.ForgotPassword request) {
        auth.forgotPassword(request.email());
        return Response.accepted(new MessageResponse(
                "If an account exists for this email, a password-reset link has been sent")).build();
    }

    @POST
    @Path("/reset-password")
    @PermitAll
    @Operation(summary = "Set a new password with a reset token", description = "The token works once;"
            + " every session of the account is signed out.")
    @APIResponse(responseCode = "200", description = "Password reset",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid or expired token, or weak password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse resetPassword(@Valid @NotNull Requests.ResetPassword request) {
        auth.resetPassword(request);
        return new MessageResponse("Password has been reset; sign in with the new password");
    }

    @POST
    @Path("/accept-invite")
    @PermitAll
    @Operation(summary = "Accept an invitation", description = "Creates the login with the invited role and signs in.")
    @APIResponse(responseCode = "200", description = "Joined and signed in",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid, used, revoked or expired invitation; weak password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Email already has an account", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public LoginResponse acceptInvite(@Valid @NotNull Requests.AcceptInvite request) {
        return auth.acceptInvitation(request);
    }

    @Schema(name = "MeResponse")
    public record MeResponse(UserView user) {
    }
}
