package com.fitnesscrm.trainers.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.trainers.api.TrainerContactPage;
import com.fitnesscrm.trainers.api.TrainerPage;
import com.fitnesscrm.trainers.api.TrainerRequests;
import com.fitnesscrm.trainers.api.TrainerView;
import com.fitnesscrm.trainers.service.TrainerService;
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

@Path("/api/trainers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Trainers", description = "Trainer profiles of the organization")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class TrainerResource {

    private final TrainerService trainers;
    private final CurrentUser caller;

    public TrainerResource(TrainerService trainers, CurrentUser caller) {
        this.trainers = trainers;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List trainers", description = "Admins and trainers: the organization's trainers. A client:"
            + " only the trainers assigned to them, as contact cards (id, name, first_name, last_name, email, phone,"
            + " specialization, certification), which the client portal shows as their trainer. Same list shape,"
            + " filters and paging for both; ordered by name.")
    // anyOf, not oneOf: neither schema requires or forbids properties, so a body matches both.
    @APIResponse(responseCode = "200", description = "A page of trainers; for a client, of their own trainers",
            content = @Content(schema = @Schema(anyOf = {TrainerPage.class, TrainerContactPage.class})))
    @APIResponse(responseCode = "400", description = "Invalid paging or filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response list(
            @Parameter(description = "Matches name, email or phone") @QueryParam("search") String search,
            @Parameter(description = "Substring of the specialization") @QueryParam("specialization") String specialization,
            @Parameter(description = "true or false") @QueryParam("active") String active,
            @Parameter(description = "Page number, from 1") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 1000 (default 25)") @QueryParam("per_page") String perPage) {
        TrainerRequests.Filter filter = new TrainerRequests.Filter(search, specialization,
                QueryValues.bool("active", active));
        PageRequest paging = PageRequest.parse(page, perPage);
        return Response.ok(caller.isClient() ? trainers.contactsOfClient(caller, filter, paging)
                : trainers.list(caller, filter, paging)).build();
    }

    @GET
    @Path("/me")
    @Operation(summary = "The caller's own trainer profile")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(schema = @Schema(implementation = TrainerView.class)))
    @APIResponse(responseCode = "404", description = "The caller has no trainer profile", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public TrainerView me() {
        return trainers.mine(caller).orElseThrow(() -> ApiException.notFound("Trainer profile"));
    }

    @GET
    @Path("/{trainer_id}")
    @Operation(summary = "Get a trainer")
    @APIResponse(responseCode = "200", description = "The trainer", content = @Content(schema = @Schema(implementation = TrainerView.class)))
    @APIResponse(responseCode = "404", description = "No such trainer in this organization", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public TrainerView get(@PathParam("trainer_id") long id) {
        return trainers.find(caller, id).orElseThrow(() -> ApiException.notFound("Trainer"));
    }

    @POST
    @Operation(summary = "Create a trainer", description = "Admins only. With a password, also creates the"
            + " trainer's login.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TrainerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Email already used", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull TrainerRequests.Create request) {
        return Response.status(201).entity(trainers.create(caller, request)).build();
    }

    @PUT
    @Path("/{trainer_id}")
    @Operation(summary = "Update a trainer", description = "Admins update any trainer; a trainer updates their own"
            + " profile. Fields present are updated.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = TrainerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such trainer", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Email already used", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public TrainerView update(@PathParam("trainer_id") long id, @Valid @NotNull TrainerRequests.Update request) {
        return trainers.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Trainer"));
    }

    @DELETE
    @Path("/{trainer_id}")
    @Operation(summary = "Delete a trainer", description = "Admins only. Soft delete: disables the trainer's login"
            + " and ends their client assignments.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "404", description = "No such trainer", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("trainer_id") long id) {
        if (!trainers.delete(caller, id)) {
            throw ApiException.notFound("Trainer");
        }
        return new MessageResponse("Trainer deleted successfully");
    }

    @POST
    @Path("/{trainer_id}/change-password")
    @Operation(summary = "Set a trainer's password", description = "Admins only; creates the login if missing.")
    @APIResponse(responseCode = "200", description = "Password set", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "400", description = "Weak password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such trainer", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse setPassword(@PathParam("trainer_id") long id,
                                       @Valid @NotNull TrainerRequests.SetPassword request) {
        if (!trainers.setPassword(caller, id, request.password())) {
            throw ApiException.notFound("Trainer");
        }
        return new MessageResponse("Password updated successfully");
    }
}
