package com.fitnesscrm.scheduling.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.scheduling.api.SessionRequests;
import com.fitnesscrm.scheduling.api.SessionView;
import com.fitnesscrm.scheduling.service.SessionService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Sessions", description = "Training sessions: admins see all, trainers their own, clients their own")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class SessionResource {

    private final SessionService sessions;
    private final CurrentUser caller;

    public SessionResource(SessionService sessions, CurrentUser caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List sessions", description = "A bare array, ascending by start, in the list form"
            + " (trainer_name, client_name). Dates accept YYYY-MM-DD, YYYY-MM-DDTHH:MM or ISO-8601 with Z.")
    @APIResponse(responseCode = "200", description = "Sessions", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<SessionView> list(
            @QueryParam("trainer_id") String trainerId,
            @QueryParam("client_id") String clientId,
            @Parameter(description = "scheduled, requested, completed, cancelled or no-show") @QueryParam("status") String status,
            @Parameter(description = "Earliest start") @QueryParam("start_date") String startDate,
            @Parameter(description = "Latest start") @QueryParam("end_date") String endDate) {
        Integer trainer = QueryValues.integer("trainer_id", trainerId);
        Integer client = QueryValues.integer("client_id", clientId);
        return sessions.list(caller, new SessionRequests.Filter(trainer == null ? null : trainer.longValue(),
                client == null ? null : client.longValue(), status, startDate, endDate));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a session", description = "The single form, with the trainer and client objects.")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SessionView get(@PathParam("id") long id) {
        return sessions.find(caller, id).orElseThrow(() -> ApiException.notFound("Session"));
    }

    @POST
    @Operation(summary = "Book a session", description = "Admins book any trainer and client; a trainer books"
            + " their own clients; a client requests a session with one of their trainers (status requested)."
            + " An overlap with a live session of the same trainer or client answers 409 with the conflict,"
            + " unless an admin or trainer sends override_conflicts.")
    @APIResponse(responseCode = "201", description = "Booked", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (dates, duration over 12 hours, status)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Trainer or client not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Overlaps another session; `conflict` holds it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull SessionRequests.Create request) {
        return Response.status(201).entity(sessions.create(caller, request)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a session", description = "Fields present are updated; moving it re-checks"
            + " overlaps. Clients may only cancel.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such session visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Overlaps another session", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SessionView update(@PathParam("id") long id, @Valid @NotNull SessionRequests.Update request) {
        return sessions.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Session"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a session", description = "Admins, or the session's trainer.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "404", description = "No such session visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("id") long id) {
        if (!sessions.delete(caller, id)) {
            throw ApiException.notFound("Session");
        }
        return new MessageResponse("Session deleted successfully");
    }
}
