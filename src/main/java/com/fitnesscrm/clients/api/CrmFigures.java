package com.fitnesscrm.clients.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Counters of the CRM dashboard and stats routes. */
public final class CrmFigures {

    private CrmFigures() {
    }

    @Schema(name = "CrmCounters")
    public record Dashboard(long trainersCount, long clientsCount, long assignmentsCount) {
    }

    @Schema(name = "CrmAssignmentFigures")
    public record Stats(long totalTrainers, long totalClients, long trainersWithClients, long clientsAssigned) {
    }
}
