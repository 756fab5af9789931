package com.fitnesscrm.goals.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.common.web.SuccessEnvelope;
import com.fitnesscrm.goals.api.GoalRequests;
import com.fitnesscrm.goals.api.GoalResponses;
import com.fitnesscrm.goals.service.GoalService;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Goals answer {@code {success, data}}, and their errors carry {@code success: false} ({@link SuccessEnvelope}). */
@Path("/api/goals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SuccessEnvelope
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Goals", description = "Clients' goals and milestones, with progress toward numeric targets")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class GoalResource {

    private final GoalService goals;
    private final CurrentUser caller;

    public GoalResource(GoalService goals, CurrentUser caller) {
        this.goals = goals;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List goals", description = "Newest first, with milestones. Admins see the organization's"
            + " goals, a trainer those of the clients they train, a client their own. Filters match exactly; \"\""
            + " means no filter.")
    @APIResponse(responseCode = "200", description = "The goals", content = @Content(schema = @Schema(implementation = GoalResponses.GoalList.class)))
    @APIResponse(responseCode = "400", description = "Unknown status, category or priority", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "client_id names a client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GoalResponses.GoalList list(@QueryParam("client_id") String clientId,
                                       @QueryParam("status") String status,
                                       @QueryParam("category") String category,
                                       @QueryParam("priority") String priority) {
        Integer client = QueryValues.integer("client_id", clientId);
        return new GoalResponses.GoalList(goals.list(caller, new GoalRequests.Filter(
                client == null ? null : client.longValue(), status, category, priority)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a goal", description = "With its milestones and progress.")
    @APIResponse(responseCode = "200", description = "The goal", content = @Content(schema = @Schema(implementation = GoalResponses.GoalResult.class)))
    @APIResponse(responseCode = "404", description = "No such goal for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GoalResponses.GoalResult get(@PathParam("id") long id) {
        return new GoalResponses.GoalResult(goals.find(caller, id).orElseThrow(() -> ApiException.notFound("Goal")));
    }

    @POST
    @Operation(summary = "Create a goal", description = "client_id and title are required; milestones are created"
            + " with the goal. Admins, the client's trainers and the client may set a client's goals; created_by is"
            + " the caller.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = GoalResponses.GoalSaved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The client does not exist or is not the caller's", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull GoalRequests.Save request) {
        return Response.status(201)
                .entity(new GoalResponses.GoalSaved("Goal created successfully", goals.create(caller, request)))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a goal", description = "Fields present are changed (client_id is ignored). Status"
            + " completed stamps completed_date; leaving completed clears it.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = GoalResponses.GoalSaved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such goal for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GoalResponses.GoalSaved update(@PathParam("id") long id, @Valid @NotNull GoalRequests.Save request) {
        return new GoalResponses.GoalSaved("Goal updated successfully",
                goals.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Goal")));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a goal", description = "With its milestones.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = GoalResponses.Done.class)))
    @APIResponse(responseCode = "404", description = "No such goal for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GoalResponses.Done delete(@PathParam("id") long id) {
        if (!goals.delete(caller, id)) {
            throw ApiException.notFound("Goal");
        }
        return new GoalResponses.Done("Goal deleted successfully");
    }

    @GET
    @Path("/client/{client_id}/summary")
    @Operation(summary = "A client's goals with counts", description = "total_goals, active_goals,"
            + " completed_goals, high_priority (counted in SQL) and every goal, newest first.")
    @APIResponse(responseCode = "200", description = "The summary", content = @Content(schema = @Schema(implementation = GoalResponses.SummaryResult.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GoalResponses.SummaryResult summary(@PathParam("client_id") long clientId) {
        return new GoalResponses.SummaryResult(goals.summary(caller, clientId)
                .orElseThrow(() -> ApiException.notFound("Client")));
    }

    @POST
    @Path("/{goal_id}/milestones")
    @Operation(summary = "Add a milestone", description = "title is required.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = GoalResponses.MilestoneSaved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such goal for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response addMilestone(@PathParam("goal_id") long goalId, @Valid @NotNull GoalRequests.MilestoneSave request) {
        return Response.status(201).entity(new GoalResponses.MilestoneSaved("Milestone created successfully",
                goals.addMilestone(caller, goalId, request).orElseThrow(() -> ApiException.notFound("Goal")))).build();
    }

    @PUT
    @Path("/{goal_id}/milestones/{milestone_id}")
    @Operation(summary = "Change a milestone", description = "Fields present are changed; completed true stamps"
            + " completed_date, false clears it.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = GoalResponses.MilestoneSaved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such goal or milestone for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GoalResponses.MilestoneSaved updateMilestone(@PathParam("goal_id") long goalId,
                                                        @PathParam("milestone_id") long milestoneId,
                                                        @Valid @NotNull GoalRequests.MilestoneSave request) {
        return new GoalResponses.MilestoneSaved("Milestone updated successfully",
                goals.updateMilestone(caller, goalId, milestoneId, request)
                        .orElseThrow(() -> ApiException.notFound("Milestone")));
    }

    @DELETE
    @Path("/{goal_id}/milestones/{milestone_id}")
    @Operation(summary = "Delete a milestone")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = GoalResponses.Done.class)))
    @APIResponse(responseCode = "404", description = "No such goal or milestone for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GoalResponses.Done deleteMilestone(@PathParam("goal_id") long goalId,
                                              @PathParam("milestone_id") long milestoneId) {
        if (!goals.deleteMilestone(caller, goalId, milestoneId)) {
            throw ApiException.notFound("Milestone");
        }
        return new GoalResponses.Done("Milestone deleted successfully");
    }
}
