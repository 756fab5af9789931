package com.fitnesscrm.training.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.training.api.ExerciseRequests;
import com.fitnesscrm.training.service.ExerciseService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/**
 * The older path of the same library ({@code /api/exercises}), kept with the old app's shapes: the list is always
 * the P2 page and a creation answers {@code {message, exercise}}. Same rules as {@link ExerciseResource}, which
 * serves everything else about the library.
 */
@Path("/api/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Exercises")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ExerciseAliasResource {

    private final ExerciseService exercises;
    private final CurrentUser caller;

    public ExerciseAliasResource(ExerciseService exercises, CurrentUser caller) {
        this.exercises = exercises;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List exercises (older path)", description = "As GET /api/workouts/exercises, always as"
            + " the P2 page.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = ExerciseRequests.Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ExerciseRequests.Page list(@QueryParam("search") String search,
                                      @QueryParam("category") String category,
                                      @QueryParam("muscle_group") String muscleGroup,
                                      @QueryParam("equipment") String equipment,
                                      @QueryParam("difficulty") String difficulty,
                                      @QueryParam("show_custom") String showCustom,
                                      @QueryParam("page") String page,
                                      @QueryParam("per_page") String perPage) {
        return exercises.list(caller, new ExerciseRequests.Filter(search, category, muscleGroup, equipment, difficulty,
                        QueryValues.bool("show_custom", showCustom)),
                QueryValues.integer("page", page), QueryValues.integer("per_page", perPage));
    }

    @POST
    @Operation(summary = "Add an exercise (older path)", description = "Admins and trainers; answers"
            + " {message, exercise}.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = ExerciseRequests.Created.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Clients", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Name taken", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull ExerciseRequests.Save request) {
        return Response.status(201)
                .entity(new ExerciseRequests.Created("Exercise created successfully", exercises.create(caller, request)))
                .build();
    }
}
