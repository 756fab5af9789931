package com.fitnesscrm.training.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.training.api.AssignmentRequests;
import com.fitnesscrm.training.service.WorkoutAssignmentService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/workouts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Workout assignments", description = "Templates and programs given to clients: each client gets an own,"
        + " versioned copy of the exercises, and programs or weekday schedules become dated workouts")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class WorkoutAssignmentResource {

    private final WorkoutAssignmentService assignments;
    private final CurrentUser caller;

    public WorkoutAssignmentResource(WorkoutAssignmentService assignments, CurrentUser caller) {
        this.assignments = assignments;
        this.caller = caller;
    }

    @POST
    @Path("/assign")
    @Operation(summary = "Assign a template or a program to a client", description = "The client's trainers and"
            + " admins. With workout_template_id (or template_id): one client_workout copying the template's"
            + " exercises; schedule_days (0 = Monday) also plan dated workouts from start_date (default today) to"
            + " end_date (default the template's duration_weeks, else 12 weeks). With program_id: one copy per"
            + " distinct template and a dated workout per program day from start_date (default today).")
    @APIResponse(responseCode = "201", description = "Assigned", content = @Content(schema = @Schema(implementation = AssignmentRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Clients", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client the caller trains", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response assign(@Valid @NotNull AssignmentRequests.Assign request) {
        return Response.status(201).entity(assignments.assign(caller, request)).build();
    }

    @GET
    @Path("/assignments/{id}")
    @Operation(summary = "A client's assigned workouts", description = "Newest first, each with its template (without"
            + " exercises), the client's own exercises and version. status: active (default), completed, paused or"
            + " all.")
    @APIResponse(responseCode = "200", description = "The assignments", content = @Content(schema = @Schema(implementation = AssignmentRequests.Listing.class)))
    @APIResponse(responseCode = "400", description = "Invalid status", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client the caller may see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AssignmentRequests.Listing list(@Parameter(description = "The client's id") @PathParam("id") long clientId,
                                           @QueryParam("status") String status) {
        return assignments.list(caller, clientId, status);
    }

    @PUT
    @Path("/assignments/{id}")
    @Operation(summary = "Change a client's assigned workout", description = "The client's trainers and admins. Dates,"
            + " frequency, notes, status, schedule_days; `exercises` replaces the client's copy as a new version (the"
            + " template never changes, earlier versions stay for the logs that refer to them).")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = AssignmentRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Clients", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such assignment the caller may see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AssignmentRequests.Saved update(@Parameter(description = "The assignment's (client_workout's) id") @PathParam("id") long id,
                                           @Valid @NotNull AssignmentRequests.Update request) {
        return assignments.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Assignment"));
    }

    @GET
    @Path("/assignments/{id}/versions")
    @Operation(summary = "Every version of a client's copy", description = "Oldest first, each with the exercises the"
            + " client was given; a log's client_workout_version names one of them.")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(schema = @Schema(implementation = AssignmentRequests.Versions.class)))
    @APIResponse(responseCode = "404", description = "No such assignment the caller may see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AssignmentRequests.Versions versions(@Parameter(description = "The assignment's (client_workout's) id") @PathParam("id") long id) {
        return assignments.versions(caller, id).orElseThrow(() -> ApiException.notFound("Assignment"));
    }

    @GET
    @Path("/schedule/{client_id}")
    @Operation(summary = "A client's scheduled workouts", description = "Dated workouts of programs and weekday"
            + " schedules between start_date and end_date (default: a week back to four weeks ahead, at most a"
            + " year), each saying whether it was completed that day.")
    @APIResponse(responseCode = "200", description = "The schedule", content = @Content(schema = @Schema(implementation = AssignmentRequests.Schedule.class)))
    @APIResponse(responseCode = "400", description = "Invalid dates", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client the caller may see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AssignmentRequests.Schedule schedule(@PathParam("client_id") long clientId,
                                                @QueryParam("start_date") String startDate,
                                                @QueryParam("end_date") String endDate) {
        return assignments.schedule(caller, clientId, startDate, endDate);
    }
}
