package com.fitnesscrm.training.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.training.api.ProgramRequests;
import com.fitnesscrm.training.service.ProgramService;
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

@Path("/api/workouts/programs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Workout programs", description = "Templates scheduled over weeks as days 1..n; the other days are rest"
        + " days")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class WorkoutProgramResource {

    private final ProgramService programs;
    private final CurrentUser caller;

    public WorkoutProgramResource(ProgramService programs, CurrentUser caller) {
        this.programs = programs;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List programs", description = "Newest first, 50 per page by default; P2 shape. Trainers"
            + " see public programs and their own, admins all, clients those assigned to them.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = ProgramRequests.Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ProgramRequests.Page list(@QueryParam("search") String search, @QueryParam("page") String page,
                                     @QueryParam("per_page") String perPage) {
        Integer size = QueryValues.integer("per_page", perPage);
        return programs.list(caller, search, PageRequest.of(QueryValues.integer("page", page), size == null ? 50 : size));
    }

    @GET
    @Path("/{program_id}")
    @Operation(summary = "Get a program with its days")
    @APIResponse(responseCode = "200", description = "The program", content = @Content(schema = @Schema(implementation = ProgramRequests.View.class)))
    @APIResponse(responseCode = "404", description = "No such program the caller may read", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ProgramRequests.View get(@PathParam("program_id") long id) {
        return programs.find(caller, id).orElseThrow(() -> ApiException.notFound("Program"));
    }

    @POST
    @Operation(summary = "Create a program", description = "Admins and trainers. days: [{day 1..7×duration_weeks,"
            + " workout_template_id}], one workout a day, templates the caller may use.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ProgramRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Clients", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull ProgramRequests.Save request) {
        return Response.status(201).entity(programs.create(caller, request)).build();
    }

    @PUT
    @Path("/{program_id}")
    @Operation(summary = "Change a program", description = "Absent fields stay; `days` replaces the schedule. Clients"
            + " who were given the program keep what they were given.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ProgramRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Another trainer's program, or a client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such program", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ProgramRequests.Saved update(@PathParam("program_id") long id, @Valid @NotNull ProgramRequests.Save request) {
        return programs.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Program"));
    }

    @DELETE
    @Path("/{program_id}")
    @Operation(summary = "Delete a program", description = "Clients who were given it keep their workouts and"
            + " schedule.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "403", description = "Another trainer's program, or a client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such program", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("program_id") long id) {
        if (!programs.delete(caller, id)) {
            throw ApiException.notFound("Program");
        }
        return new MessageResponse("Program deleted successfully");
    }
}
