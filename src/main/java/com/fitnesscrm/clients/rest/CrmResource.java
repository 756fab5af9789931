package com.fitnesscrm.clients.rest;

import com.fitnesscrm.clients.api.AssignmentView;
import com.fitnesscrm.clients.api.ClientRequests;
import com.fitnesscrm.clients.service.AssignmentService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import io.quarkus.security.Authenticated;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/crm")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "CRM", description = "Trainer–client assignments and counters")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class CrmResource {

    private final AssignmentService assignments;
    private final CurrentUser caller;

    public CrmResource(AssignmentService assignments, CurrentUser caller) {
        this.assignments = assignments;
        this.caller = caller;
    }

    @POST
    @Path("/assign")
    @Operation(summary = "Assign a client to a trainer", description = "Admins link any pair; a trainer may share"
            + " one of their own clients with a colleague.")
    @APIResponse(responseCode = "201", description = "Assigned", content = @Content(schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid ids", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Trainer or client not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Already assigned", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response assign(@Valid @NotNull ClientRequests.Assign request) {
        return Response.status(201).entity(assignments.assign(caller, request)).build();
    }

    @GET
    @Path("/assignments")
    @Operation(summary = "List assignments", description = "A bare array. Admins: all; trainers: their own;"
            + " clients: their trainers.")
    @APIResponse(responseCode = "200", description = "Assignments, oldest first", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = AssignmentView.class)))
    public List<AssignmentView> list() {
        return assignments.list(caller);
    }

    @DELETE
    @Path("/assignments/{assignment_id}")
    @Operation(summary = "End an assignment", description = "Admins, or the assigned trainer.")
    @APIResponse(responseCode = "200", description = "Ended", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "404", description = "No such assignment", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse unassign(@PathParam("assignment_id") long id) {
        if (!assignments.unassign(caller, id)) {
            throw ApiException.notFound("Assignment");
        }
        return new MessageResponse("Assignment removed");
    }
}
