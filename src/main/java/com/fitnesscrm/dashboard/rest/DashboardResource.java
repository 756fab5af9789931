package com.fitnesscrm.dashboard.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.dashboard.api.DashboardView;
import com.fitnesscrm.dashboard.api.StatsView;
import com.fitnesscrm.dashboard.service.CachedFigures;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/crm")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "CRM")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class DashboardResource {

    private final CachedFigures dashboard;
    private final CurrentUser caller;

    public DashboardResource(CachedFigures dashboard, CurrentUser caller) {
        this.dashboard = dashboard;
        this.caller = caller;
    }

    @GET
    @Path("/dashboard")
    @Operation(summary = "Dashboard figures", description = "Counters and calendar figures for the caller's portal:"
            + " the organization for an admin, a trainer's own clients and sessions, a client's own.")
    @APIResponse(responseCode = "200", description = "Figures", content = @Content(schema = @Schema(implementation = DashboardView.class)))
    public JsonText dashboard() {
        return dashboard.dashboard(caller);
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Assignment and session statistics", description = "Admins and trainers.")
    @APIResponse(responseCode = "200", description = "Figures", content = @Content(schema = @Schema(implementation = StatsView.class)))
    @APIResponse(responseCode = "403", description = "Clients", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText stats() {
        return dashboard.stats(caller);
    }
}
