package com.fitnesscrm.settings.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.settings.api.SettingsRequest;
import com.fitnesscrm.settings.api.SettingsView;
import com.fitnesscrm.settings.service.SettingsService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Settings", description = "Organization settings (admins change them) and the caller's own time zone")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class SettingsResource {

    private final SettingsService settings;
    private final CurrentUser caller;

    public SettingsResource(SettingsService settings, CurrentUser caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Get the settings", description = "Always 200 (empty business fields until saved)."
            + " Secrets come back as \"***\" when set; credentials only to admins.")
    @APIResponse(responseCode = "200", description = "The settings", content = @Content(schema = @Schema(implementation = SettingsView.class)))
    public SettingsView get() {
        return settings.get(caller);
    }

    @POST
    @Operation(summary = "Create the settings", description = "Admins; 409 when they already exist.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SettingsView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Settings already exist", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull SettingsRequest request) {
        return Response.status(201).entity(settings.save(caller, request, true).settings()).build();
    }

    @PUT
    @Operation(summary = "Update the settings", description = "One form at a time; absent fields stay. A secret"
            + " sent as \"\" or \"***\" keeps the stored one. Admins change the organization's fields; anyone"
            + " their own user_time_zone.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = SettingsView.class)))
    @APIResponse(responseCode = "201", description = "Created by this call", content = @Content(schema = @Schema(implementation = SettingsView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Organization fields from a non-admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response update(@Valid @NotNull SettingsRequest request) {
        SettingsService.Saved saved = settings.save(caller, request, false);
        return Response.status(saved.created() ? 201 : 200).entity(saved.settings()).build();
    }
}
