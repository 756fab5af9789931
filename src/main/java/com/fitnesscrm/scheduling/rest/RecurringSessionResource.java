package com.fitnesscrm.scheduling.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.scheduling.api.RecurringRequests;
import com.fitnesscrm.scheduling.api.RecurringSessionView;
import com.fitnesscrm.scheduling.service.RecurringSessionService;
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

@Path("/api/recurring-sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Sessions")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class RecurringSessionResource {

    private final RecurringSessionService series;
    private final CurrentUser caller;

    public RecurringSessionResource(RecurringSessionService series, CurrentUser caller) {
        this.series = series;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List recurring series", description = "A bare array. Admins: all; trainers: their own.")
    @APIResponse(responseCode = "200", description = "Series", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = RecurringSessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<RecurringSessionView> list(@QueryParam("trainer_id") String trainerId,
                                           @QueryParam("client_id") String clientId,
                                           @Parameter(description = "Only active series (default true)") @QueryParam("active") String active) {
        Integer trainer = QueryValues.integer("trainer_id", trainerId);
        Integer client = QueryValues.integer("client_id", clientId);
        Boolean activeOnly = QueryValues.bool("active", active);
        return series.list(caller, trainer == null ? null : trainer.longValue(),
                client == null ? null : client.longValue(), activeOnly == null || activeOnly);
    }

    @POST
    @Operation(summary = "Create a recurring series", description = "Weekly on chosen weekdays (every N weeks),"
            + " biweekly, daily or monthly, until a date or for N occurrences (default: 90 days). Times are"
            + " wall-clock in the organization's zone, so a 07:00 session stays at 07:00 across DST changes."
            + " Occurrences whose slot is taken are skipped and listed; everything else is created at once.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = RecurringRequests.Created.class)))
    @APIResponse(responseCode = "400", description = "Invalid rule", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Trainer or client not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "A slot was taken concurrently; nothing was created", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull RecurringRequests.Create request) {
        return Response.status(201).entity(series.create(caller, request)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End a recurring series", description = "With delete_future=true its upcoming scheduled"
            + " sessions are removed too.")
    @APIResponse(responseCode = "200", description = "Ended", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "404", description = "No such series", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse end(@PathParam("id") long id, @QueryParam("delete_future") String deleteFuture) {
        int removed = series.end(caller, id, Boolean.TRUE.equals(QueryValues.bool("delete_future", deleteFuture)))
                .orElseThrow(() -> ApiException.notFound("Recurring session"));
        return new MessageResponse("Recurring session ended" + (removed > 0 ? "; " + removed + " upcoming sessions removed" : ""));
    }
}
