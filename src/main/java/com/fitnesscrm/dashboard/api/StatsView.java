package com.fitnesscrm.dashboard.api;

import com.fitnesscrm.scheduling.api.SessionFigures;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /api/crm/stats: the organization's assignment figures and the calendar's figures. */
@RegisterForReflection
@Schema(name = "CrmStats")
public record StatsView(long totalTrainers, long totalClients, long trainersWithClients, long clientsAssigned,
                        SessionFigures sessions) {
}
