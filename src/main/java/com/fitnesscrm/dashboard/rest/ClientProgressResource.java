package com.fitnesscrm.dashboard.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.dashboard.api.ClientProgressView;
import com.fitnesscrm.dashboard.service.CachedFigures;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/clients/{client_id}/progress")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Clients")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ClientProgressResource {

    private final CachedFigures progress;
    private final CurrentUser caller;

    public ClientProgressResource(CachedFigures progress, CurrentUser caller) {
        this.progress = progress;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "A client's progress at a glance", description = "Workouts this week, completion rate,"
            + " streaks (in the client's time zone), the next session, the newest measurement and goal counts."
            + " The client themself, their trainers and admins.")
    @APIResponse(responseCode = "200", description = "The figures", content = @Content(schema = @Schema(implementation = ClientProgressView.class)))
    @APIResponse(responseCode = "404", description = "No such client the caller may see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText get(@PathParam("client_id") long clientId) {
        return progress.progress(caller, clientId).orElseThrow(() -> ApiException.notFound("Client"));
    }
}
