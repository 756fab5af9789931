package com.fitnesscrm.training.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.training.api.PersonalRecordView;
import com.fitnesscrm.training.api.WorkoutLogRequests;
import com.fitnesscrm.training.api.WorkoutStats;
import com.fitnesscrm.training.service.PersonalRecordService;
import com.fitnesscrm.training.service.WorkoutLogService;
import com.fitnesscrm.training.service.WorkoutStatsService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

@Path("/api/workouts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Workout logs", description = "What clients did, set by set; personal records, completion and streaks")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class WorkoutLogResource {

    private final WorkoutLogService logs;
    private final PersonalRecordService records;
    private final WorkoutStatsService stats;
    private final CurrentUser caller;

    public WorkoutLogResource(WorkoutLogService logs, PersonalRecordService records, WorkoutStatsService stats,
                              CurrentUser caller) {
        this.logs = logs;
        this.records = records;
        this.stats = stats;
        this.caller = caller;
    }

    @POST
    @Path("/log")
    @Operation(summary = "Log a workout", description = "A client logs for themself, a trainer for their clients."
            + " Sets carry actual reps, load (weight_kg; weight or load also read), time, RPE and completion. Bad"
            + " values are all named at once and nothing is stored. The answer lists the personal records the log"
            + " set (new_records).")
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = WorkoutLogRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client the caller may log for", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response log(@Valid @NotNull WorkoutLogRequests.Create request) {
        return Response.status(201).entity(logs.log(caller, request)).build();
    }

    @GET
    @Path("/logs/{client_id}")
    @Operation(summary = "A client's workout logs", description = "Newest first with their sets; limit 1–500,"
            + " default 50.")
    @APIResponse(responseCode = "200", description = "The logs", content = @Content(schema = @Schema(implementation = WorkoutLogRequests.Listing.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client the caller may see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WorkoutLogRequests.Listing logs(@PathParam("client_id") long clientId, @QueryParam("limit") String limit) {
        return logs.list(caller, clientId, QueryValues.integer("limit", limit));
    }

    @GET
    @Path("/records/{client_id}")
    @Operation(summary = "A client's personal records", description = "Per exercise: estimated one-rep max (Epley),"
            + " heaviest weight, best set volume and best session volume, each with the log and date that set it.")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(schema = @Schema(implementation = PersonalRecordView.Listing.class)))
    @APIResponse(responseCode = "404", description = "No such client the caller may see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PersonalRecordView.Listing records(@PathParam("client_id") long clientId) {
        return records.list(caller, clientId);
    }

    @GET
    @Path("/stats/{client_id}")
    @Operation(summary = "A client's completion and streaks", description = "The last 12 ISO weeks (assigned vs"
            + " completed), completion rate, workouts this week, and current and longest streaks of days and weeks,"
            + " in calendar days of the client's time zone. A rest day of the client's program does not break a"
            + " daily streak; today still counts until it ends.")
    @APIResponse(responseCode = "200", description = "The figures", content = @Content(schema = @Schema(implementation = WorkoutStats.class)))
    @APIResponse(responseCode = "404", description = "No such client the caller may see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WorkoutStats stats(@PathParam("client_id") long clientId) {
        return stats.stats(caller, clientId);
    }
}
