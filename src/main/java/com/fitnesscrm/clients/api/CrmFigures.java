package com.fitnesscrm.clients.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Counters of the CRM dashboard and stats routes. */
public final class CrmFigures {

    private CrmFigures() {
    }

    @Schema(name = "CrmDashboard")
    public record Dashboard(long trainersCount, long clientsCount, long assignmentsCount) {
    }

    @Schema(name = "CrmStats")
    public record Stats(long totalTrainers, long totalClients, long trainersWithClients, long clientsAssigned) {
    }
}
