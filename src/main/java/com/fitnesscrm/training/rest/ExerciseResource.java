package com.fitnesscrm.training.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.training.api.ExerciseRequests;
import com.fitnesscrm.training.api.ExerciseView;
import com.fitnesscrm.training.service.ExerciseService;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/workouts/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Exercises", description = "The shared exercise library and the organization's own exercises")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ExerciseResource {

    private final ExerciseService exercises;
    private final CurrentUser caller;

    public ExerciseResource(ExerciseService exercises, CurrentUser caller) {
        this.exercises = exercises;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List exercises", description = "The shared library and the organization's own, by name;"
            + " filters match exactly (muscle_group also matches secondary muscles), search is a contains-match on"
            + " the name. With page or per_page: the P2 page (per_page defaults to 100). With neither: every match"
            + " as a bare array, which is how the trainer portal reads this list (contract section 4, item 7).")
    @APIResponse(responseCode = "200", description = "A page, or a bare array when neither page nor per_page is given",
            content = @Content(schema = @Schema(oneOf = {ExerciseRequests.Page.class, ExerciseView[].class})))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response list(@QueryParam("search") String search,
                         @QueryParam("category") String category,
                         @QueryParam("muscle_group") String muscleGroup,
                         @QueryParam("equipment") String equipment,
                         @QueryParam("difficulty") String difficulty,
                         @Parameter(description = "true: only the organization's own exercises") @QueryParam("show_custom") String showCustom,
                         @QueryParam("page") String page,
                         @QueryParam("per_page") String perPage) {
        ExerciseRequests.Filter filter = new ExerciseRequests.Filter(search, category, muscleGroup, equipment,
                difficulty, QueryValues.bool("show_custom", showCustom));
        Integer pageNumber = QueryValues.integer("page", page);
        Integer pageSize = QueryValues.integer("per_page", perPage);
        // Two SPA pages send this same request and read it differently: the trainer portal (trainer.js:352) as a
        // bare array, the admin page (main.js:2714, then 2608) as data.exercises. Nothing tells them apart here:
        // the path and parameters are identical, the role does not (a solo owner is admin and trainer at once and
        // opens both pages with one token), and a cross-origin Referer carries only the SPA's origin, not the page.
        // No JSON body is both an array and an object with `exercises`. So the unpaged request keeps the bare array
        // and the admin page adds per_page to get the P2 page: the one-line SPA change in the README (issue 8).
        if (pageNumber == null && pageSize == null) {
            return Response.ok(exercises.all(caller, filter)).build();
        }
        return Response.ok(exercises.list(caller, filter, pageNumber, pageSize)).build();
    }

    @GET
    @Path("/categories")
    @Operation(summary = "Exercise categories in use")
    @APIResponse(responseCode = "200", description = "Options", content = @Content(schema = @Schema(implementation = ExerciseRequests.Categories.class)))
    public ExerciseRequests.Categories categories() {
        return new ExerciseRequests.Categories(exercises.options(caller, "category"));
    }

    @GET
    @Path("/muscle-groups")
    @Operation(summary = "Primary muscle groups in use")
    @APIResponse(responseCode = "200", description = "Options", content = @Content(schema = @Schema(implementation = ExerciseRequests.MuscleGroups.class)))
    public ExerciseRequests.MuscleGroups muscleGroups() {
        return new ExerciseRequests.MuscleGroups(exercises.options(caller, "muscle_group"));
    }

    @GET
    @Path("/equipment")
    @Operation(summary = "Equipment in use")
    @APIResponse(responseCode = "200", description = "Options", content = @Content(schema = @Schema(implementation = ExerciseRequests.Equipment.class)))
    public ExerciseRequests.Equipment equipment() {
        return new ExerciseRequests.Equipment(exercises.options(caller, "equipment"));
    }

    @POST
    @Path("/seed")
    @Operation(summary = "Install the shared library", description = "The library ships with the service, so"
            + " this only reports it (200 with its size). Admins and trainers.")
    @APIResponse(responseCode = "200", description = "Already installed", content = @Content(schema = @Schema(implementation = ExerciseRequests.Seeded.class)))
    @APIResponse(responseCode = "403", description = "Clients", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ExerciseRequests.Seeded seed() {
        return exercises.seed(caller);
    }

    @GET
    @Path("/{exercise_id}")
    @Operation(summary = "Get an exercise")
    @APIResponse(responseCode = "200", description = "The exercise", content = @Content(schema = @Schema(implementation = ExerciseView.class)))
    @APIResponse(responseCode = "404", description = "No such exercise in the caller's library", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ExerciseView get(@PathParam("exercise_id") long id) {
        return exercises.find(caller, id).orElseThrow(() -> ApiException.notFound("Exercise"));
    }

    @POST
    @Operation(summary = "Add an exercise to the organization's library", description = "Admins and trainers;"
            + " the name must be unique in the organization's library.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = ExerciseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Clients", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Name taken", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull ExerciseRequests.Save request) {
        return Response.status(201).entity(exercises.create(caller, request)).build();
    }

    @PUT
    @Path("/{exercise_id}")
    @Operation(summary = "Change one of the organization's exercises", description = "The shared library is"
            + " read-only (403).")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ExerciseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A shared exercise, or a client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such exercise", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Name taken", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ExerciseView update(@PathParam("exercise_id") long id, @Valid @NotNull ExerciseRequests.Save request) {
        return exercises.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Exercise"));
    }

    @DELETE
    @Path("/{exercise_id}")
    @Operation(summary = "Remove one of the organization's exercises")
    @APIResponse(responseCode = "200", description = "Removed", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "403", description = "A shared exercise, or a client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such exercise", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("exercise_id") long id) {
        if (!exercises.delete(caller, id)) {
            throw ApiException.notFound("Exercise");
        }
        return new MessageResponse("Exercise deleted successfully");
    }
}
