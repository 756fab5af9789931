package com.fitnesscrm.dashboard.service;

import com.fitnesscrm.clients.api.CrmFigures;
import com.fitnesscrm.clients.service.AssignmentService;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.dashboard.api.DashboardView;
import com.fitnesscrm.dashboard.api.StatsView;
import com.fitnesscrm.scheduling.service.SessionStatsService;
import jakarta.enterprise.context.ApplicationScoped;

/** Puts the people counters (clients feature) and the calendar figures (scheduling) on one page. */
@ApplicationScoped
public class DashboardService {

    private final AssignmentService assignments;
    private final SessionStatsService sessionStats;

    public DashboardService(AssignmentService assignments, SessionStatsService sessionStats) {
        this.assignments = assignments;
        this.sessionStats = sessionStats;
    }

    public DashboardView dashboard(Caller caller) {
        CrmFigures.Dashboard people = assignments.dashboard(caller);
        return new DashboardView(people.trainersCount(), people.clientsCount(), people.assignmentsCount(),
                sessionStats.figures(caller));
    }

    /** Staff only: the organization's assignment figures beside the caller's calendar figures. */
    public StatsView stats(Caller caller) {
        CrmFigures.Stats people = assignments.stats(caller);
        return new StatsView(people.totalTrainers(), people.totalClients(), people.trainersWithClients(),
                people.clientsAssigned(), sessionStats.figures(caller));
    }
}
