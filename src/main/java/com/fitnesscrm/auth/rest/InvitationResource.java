package com.fitnesscrm.auth.rest;

import com.fitnesscrm.auth.api.InvitationView;
import com.fitnesscrm.auth.api.Requests;
import com.fitnesscrm.auth.service.InvitationService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.common.web.MessageResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.TRAINER_NAME})
@SecurityRequirement(name = "bearerAuth")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Invitations", description = "Invite trainers and clients to the organization")
public class InvitationResource {

    private final InvitationService invitations;
    private final CurrentUser caller;

    public InvitationResource(InvitationService invitations, CurrentUser caller) {
        this.invitations = invitations;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Invite someone", description = "Admins invite trainers or clients; trainers invite"
            + " clients. The invitee gets an email with a single-use link that expires.")
    @APIResponse(responseCode = "201", description = "Invitation sent",
            content = @Content(schema = @Schema(implementation = InvitationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Role may not invite this role", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Email already has an account", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response invite(@Valid @NotNull Requests.Invite request) {
        return Response.status(201).entity(invitations.invite(caller, request)).build();
    }

    @GET
    @Operation(summary = "List invitations", description = "Admins see all; trainers see the ones they sent.")
    @APIResponse(responseCode = "200", description = "Invitations, newest first",
            content = @Content(schema = @Schema(implementation = InvitationList.class)))
    public InvitationList list() {
        return new InvitationList(invitations.list(caller));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an invitation")
    @APIResponse(responseCode = "200", description = "Revoked",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "404", description = "No such invitation", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Already accepted", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse revoke(@PathParam("id") long id) {
        invitations.revoke(caller, id).orElseThrow(() -> ApiException.notFound("Invitation"));
        return new MessageResponse("Invitation revoked");
    }

    @Schema(name = "InvitationList")
    public record InvitationList(List<InvitationView> invitations) {
    }
}
