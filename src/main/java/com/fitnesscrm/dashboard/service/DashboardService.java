package com.fitnesscrm.dashboard.service;

import com.fitnesscrm.clients.api.CrmFigures;
import com.fitnesscrm.clients.service.AssignmentService;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.dashboard.api.DashboardView;
import com.fitnesscrm.dashboard.api.StatsView;
import com.fitnesscrm.scheduling.service.SessionStatsService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts the people counters (clients feature), the calendar figures (scheduling) and, for a client, their own
 * progress on one page.
 */
@ApplicationScoped
public class DashboardService {

    private final AssignmentService assignments;
    private final SessionStatsService sessionStats;
    private final ClientProgressService progress;

    public DashboardService(AssignmentService assignments, SessionStatsService sessionStats,
                            ClientProgressService progress) {
        this.assignments = assignments;
        this.sessionStats = sessionStats;
        this.progress = progress;
    }

    public DashboardView dashboard(Caller caller) {
        CrmFigures.Dashboard people = assignments.dashboard(caller);
        return new DashboardView(people.trainersCount(), people.clientsCount(), people.assignmentsCount(),
                sessionStats.figures(caller), progress.mine(caller).orElse(null));
    }

    /** Staff only: the organization's assignment figures beside the caller's calendar figures. */
    public StatsView stats(Caller caller) {
        CrmFigures.Stats people = assignments.stats(caller);
        return new StatsView(people.totalTrainers(), people.totalClients(), people.trainersWithClients(),
                people.clientsAssigned(), sessionStats.figures(caller));
    }
}
