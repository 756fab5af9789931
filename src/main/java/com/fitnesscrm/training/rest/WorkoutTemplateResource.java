package com.fitnesscrm.training.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.training.api.WorkoutTemplateRequests;
import com.fitnesscrm.training.api.WorkoutTemplateView;
import com.fitnesscrm.training.service.WorkoutTemplateService;
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

@Path("/api/workouts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Workout templates", description = "Reusable workouts: ordered exercises with sets, reps or time, load,"
        + " rest, tempo and notes; organization-wide or private to their creator")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class WorkoutTemplateResource {

    private final WorkoutTemplateService templates;
    private final CurrentUser caller;

    public WorkoutTemplateResource(WorkoutTemplateService templates, CurrentUser caller) {
        this.templates = templates;
        this.caller = caller;
    }

    @GET
    @Path("/templates")
    @Operation(summary = "List workout templates", description = "Newest first, 50 per page by default. Trainers see"
            + " public templates and their own, admins all, clients those assigned to them. user_id: public ones"
            + " plus that user's; created_by: one trainer's (trainer id or user id), with the public ones when"
            + " show_public=true; show_public alone keeps public (true) or private (false) ones. search matches"
            + " name and description.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = WorkoutTemplateRequests.Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WorkoutTemplateRequests.Page list(@Parameter(description = "A user id: public templates plus theirs") @QueryParam("user_id") String userId,
                                             @Parameter(description = "A trainer id (or user id): that trainer's templates") @QueryParam("created_by") String createdBy,
                                             @QueryParam("show_public") String showPublic,
                                             @QueryParam("category") String category,
                                             @QueryParam("search") String search,
                                             @QueryParam("page") String page,
                                             @QueryParam("per_page") String perPage) {
        Integer size = QueryValues.integer("per_page", perPage);
        return templates.list(caller, new WorkoutTemplateRequests.Filter(longValue("user_id", userId),
                        longValue("created_by", createdBy), QueryValues.bool("show_public", showPublic), category, search),
                PageRequest.of(QueryValues.integer("page", page), size == null ? 50 : size));
    }

    @GET
    @Path("/templates/{template_id}")
    @Operation(summary = "Get a workout template with its exercises", description = "Exercises ordered by `order`,"
            + " each with the full exercise object.")
    @APIResponse(responseCode = "200", description = "The template", content = @Content(schema = @Schema(implementation = WorkoutTemplateView.class)))
    @APIResponse(responseCode = "404", description = "No such template the caller may read", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WorkoutTemplateView get(@PathParam("template_id") long id) {
        return templates.find(caller, id).orElseThrow(() -> ApiException.notFound("Workout template"));
    }

    @POST
    @Path("/templates")
    @Operation(summary = "Create a workout template", description = "Admins and trainers. The creator is the caller"
            + " (created_by in the body is ignored). Private unless is_public is true.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = WorkoutTemplateRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (unknown exercises are named by index)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Clients", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull WorkoutTemplateRequests.Save request) {
        return Response.status(201).entity(templates.create(caller, request)).build();
    }

    @PUT
    @Path("/templates/{template_id}")
    @Operation(summary = "Change a workout template", description = "Absent fields stay; `exercises` replaces the"
            + " whole list. Admins change any template, trainers their own. Clients' copies are not affected.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = WorkoutTemplateRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Another trainer's template, or a client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such template", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WorkoutTemplateRequests.Saved update(@PathParam("template_id") long id,
                                                @Valid @NotNull WorkoutTemplateRequests.Save request) {
        return templates.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Workout template"));
    }

    @DELETE
    @Path("/templates/{template_id}")
    @Operation(summary = "Delete a workout template", description = "Refused (400) while active client assignments"
            + " or programs use it.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "400", description = "Still in use", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Another trainer's template, or a client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such template", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("template_id") long id) {
        if (!templates.delete(caller, id)) {
            throw ApiException.notFound("Workout template");
        }
        return new MessageResponse("Workout template deleted successfully");
    }

    @GET
    @Path("/categories")
    @Operation(summary = "Workout categories", description = "The usual ones (strength, cardio, hiit, …) and any"
            + " others the caller's templates use.")
    @APIResponse(responseCode = "200", description = "Options", content = @Content(schema = @Schema(implementation = WorkoutTemplateRequests.Categories.class)))
    public WorkoutTemplateRequests.Categories categories() {
        return new WorkoutTemplateRequests.Categories(templates.categories(caller));
    }

    static Long longValue(String name, String value) {
        Integer parsed = QueryValues.integer(name, value);
        return parsed == null ? null : parsed.longValue();
    }
}
