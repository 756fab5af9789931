package com.fitnesscrm.clients.rest;

import com.fitnesscrm.clients.api.ClientPage;
import com.fitnesscrm.clients.api.ClientRequests;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.common.web.PageRequest;
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

@Path("/api/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Clients", description = "Client records: admins see all, trainers their assigned clients, a client themself")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ClientResource {

    private final ClientService clients;
    private final CurrentUser caller;

    public ClientResource(ClientService clients, CurrentUser caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List clients", description = "Admins: the organization; trainers: their assigned clients;"
            + " a client: their own record (one row on page 1; filters do not narrow it). Ordered by name.")
    @APIResponse(responseCode = "200", description = "A page of clients",
            content = @Content(schema = @Schema(implementation = ClientPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText list(
            @Parameter(description = "Matches name, email or phone") @QueryParam("search") String search,
            @Parameter(description = "active, inactive or pending") @QueryParam("status") String status,
            @Parameter(description = "Substring of the goals") @QueryParam("goals") String goals,
            @Parameter(description = "Page number, from 1") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 1000 (default 25)") @QueryParam("per_page") String perPage) {
        return clients.list(caller, new ClientRequests.Filter(search, status, goals), PageRequest.parse(page, perPage));
    }

    @GET
    @Path("/me")
    @Operation(summary = "The caller's own client record")
    @APIResponse(responseCode = "200", description = "The record", content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "The caller has no client record", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ClientView me() {
        return clients.mine(caller).orElseThrow(() -> ApiException.notFound("Client profile"));
    }

    @GET
    @Path("/{client_id}")
    @Operation(summary = "Get a client")
    @APIResponse(responseCode = "200", description = "The client", content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ClientView get(@PathParam("client_id") long id) {
        return clients.find(caller, id).orElseThrow(() -> ApiException.notFound("Client"));
    }

    @POST
    @Operation(summary = "Create a client", description = "Admins and trainers; a trainer's new client is assigned"
            + " to them. With a password, also creates the client's login.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Email already used", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull ClientRequests.Create request) {
        return Response.status(201).entity(clients.create(caller, request)).build();
    }

    @PUT
    @Path("/{client_id}")
    @Operation(summary = "Update a client", description = "Fields present are updated. A client may update their"
            + " own record except status and membership.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Email already used", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ClientView update(@PathParam("client_id") long id, @Valid @NotNull ClientRequests.Update request) {
        return clients.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Client"));
    }

    @DELETE
    @Path("/{client_id}")
    @Operation(summary = "Delete a client", description = "Admins, or the client's trainer. Soft delete: disables"
            + " the login and ends the assignments.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "404", description = "No such client visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("client_id") long id) {
        if (!clients.delete(caller, id)) {
            throw ApiException.notFound("Client");
        }
        return new MessageResponse("Client deleted successfully");
    }

    @POST
    @Path("/{client_id}/change-password")
    @Operation(summary = "Set a client's password", description = "Admins or the client's trainer; creates the"
            + " login if missing.")
    @APIResponse(responseCode = "200", description = "Password set", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "400", description = "Weak password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse setPassword(@PathParam("client_id") long id,
                                       @Valid @NotNull ClientRequests.SetPassword request) {
        if (!clients.setPassword(caller, id, request.password())) {
            throw ApiException.notFound("Client");
        }
        return new MessageResponse("Password updated successfully");
    }
}
