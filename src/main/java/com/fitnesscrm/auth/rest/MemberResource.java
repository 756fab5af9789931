package com.fitnesscrm.auth.rest;

import com.fitnesscrm.auth.api.Requests;
import com.fitnesscrm.auth.api.UserView;
import com.fitnesscrm.auth.service.MemberService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Members", description = "The organization's logins (admins only)")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class MemberResource {

    private final MemberService members;
    private final CurrentUser caller;

    public MemberResource(MemberService members, CurrentUser caller) {
        this.members = members;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the organization's logins")
    @APIResponse(responseCode = "200", description = "Logins by email", content = @Content(schema = @Schema(implementation = UserList.class)))
    public UserList list() {
        return new UserList(members.list(caller));
    }

    @PUT
    @Path("/{user_id}/role")
    @Operation(summary = "Change a staff member's role", description = "Promote a trainer to admin or an admin to"
            + " trainer. The last admin cannot step down; clients keep their role.")
    @APIResponse(responseCode = "200", description = "The login with its new role", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid role", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such login in this organization", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Last admin, or a client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public UserResponse changeRole(@PathParam("user_id") long userId, @Valid @NotNull Requests.ChangeRole request) {
        return new UserResponse(members.changeRole(caller, userId, request.role())
                .orElseThrow(() -> ApiException.notFound("User")));
    }

    @Schema(name = "UserList")
    public record UserList(List<UserView> users) {
    }

    @Schema(name = "UserResponse")
    public record UserResponse(UserView user) {
    }
}
