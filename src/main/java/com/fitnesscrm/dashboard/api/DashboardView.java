package com.fitnesscrm.dashboard.api;

import com.fitnesscrm.scheduling.api.SessionFigures;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /api/crm/dashboard: the contract's three counters, scoped to the caller, and the calendar's figures. */
@RegisterForReflection
@Schema(name = "CrmDashboard")
public record DashboardView(
        @Schema(description = "Admin: the organization's trainers; client: their own trainers") long trainersCount,
        @Schema(description = "Admin: all clients; trainer: their own") long clientsCount,
        long assignmentsCount,
        SessionFigures sessions,
        @Schema(description = "A client's own progress (the client portal's figures); null for staff")
        ClientProgressView progress) {
}
