package com.fitnesscrm.wearables.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.wearables.api.WearableViews;
import com.fitnesscrm.wearables.service.WearableService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** The settings page's integrations panel (contract 2.7, main.js:788). */
@Path("/api/integrations/status")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Wearables")
public class IntegrationStatusResource {

    private final WearableService wearables;
    private final CurrentUser caller;

    public IntegrationStatusResource(WearableService wearables, CurrentUser caller) {
        this.wearables = wearables;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Integrations status", description = "The SPA's keys google_calendar, calendly, zoom,"
            + " myfitnesspal and zapier (this service offers none of them: configured and connected are false), plus"
            + " one key per wearable provider (fitbit, strava): configured on this server, and connected by the"
            + " caller (a client) or by any client the caller sees (staff).")
    @APIResponse(responseCode = "200", description = "Integrations", content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            additionalProperties = WearableViews.IntegrationState.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Map<String, WearableViews.IntegrationState> status() {
        return wearables.integrations(caller);
    }
}
