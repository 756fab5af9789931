package com.fitnesscrm.dashboard.service;

import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.dashboard.api.ClientProgressView;
import com.fitnesscrm.goals.api.GoalResponses;
import com.fitnesscrm.goals.service.GoalService;
import com.fitnesscrm.measurements.service.MeasurementService;
import com.fitnesscrm.scheduling.service.SessionService;
import com.fitnesscrm.training.api.WorkoutStats;
import com.fitnesscrm.training.service.WorkoutStatsService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Puts one client's progress together from the features that own each part: workouts (completion and streaks),
 * the calendar (next session), measurements (the newest) and goals (counts). Each part is a fixed number of
 * queries, whatever the client's history.
 */
@ApplicationScoped
public class ClientProgressService {

    private final ClientService clients;
    private final WorkoutStatsService workouts;
    private final SessionService sessions;
    private final MeasurementService measurements;
    private final GoalService goals;

    public ClientProgressService(ClientService clients, WorkoutStatsService workouts, SessionService sessions,
                                 MeasurementService measurements, GoalService goals) {
        this.clients = clients;
        this.workouts = workouts;
        this.sessions = sessions;
        this.measurements = measurements;
        this.goals = goals;
    }

    /** Empty when the caller may not see the client (another organization, another trainer's client). */
    public Optional<ClientProgressView> progress(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            return Optional.empty();
        }
        WorkoutStats stats = workouts.stats(caller, clientId);
        return Optional.of(new ClientProgressView(clientId, stats.workoutsThisWeek(), stats.completionRate(),
                stats.currentStreakDays(), stats.longestStreakDays(), stats.currentStreakWeeks(),
                sessions.nextOfClient(caller, clientId, Instant.now()).orElse(null),
                measurements.latest(caller, clientId).orElse(null),
                goals.counts(caller, clientId).orElse(new GoalResponses.Counts(0, 0, 0, 0)),
                stats));
    }

    /** The caller's own progress when the caller is a client with a client record. */
    public Optional<ClientProgressView> mine(Caller caller) {
        if (!caller.isClient()) {
            return Optional.empty();
        }
        return clients.clientIdOfUser(caller.organizationId(), caller.userId()).flatMap(id -> progress(caller, id));
    }
}
