package com.fitnesscrm.dashboard.service;

import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.cache.ReadModelCache;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.common.cache.ReadModelKey;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.dashboard.api.ClientProgressView;
import com.fitnesscrm.dashboard.api.DashboardView;
import com.fitnesscrm.dashboard.api.StatsView;
import com.fitnesscrm.scheduling.api.SessionFigures;
import com.fitnesscrm.scheduling.api.SessionView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dashboard, the statistics and a client's progress as cached read models: computed by
 * {@link DashboardService} and {@link ClientProgressService}, kept in Redis per organization and per caller.
 *
 * <p>Each key holds everything the figures depend on that no write reports: the organization, the caller's role
 * and user id (a trainer's figures are their own, a client's their own; the caller's unit system and time zone
 * are settings whose changes invalidate), and the client a progress view is about. The figures also depend on
 * the time: "today", "this week" and "the next session" change with no write, so a value expires at the next
 * midnight of the zone its figures are counted in and when the next session it shows starts. Sliding windows
 * (the last and next 30 days) move with the clock and lag by at most the TTL.
 */
@ApplicationScoped
public class CachedFigures {

    private final DashboardService dashboards;
    private final ClientProgressService progress;
    private final ClientService clients;
    private final ReadModelCache cache;

    public CachedFigures(DashboardService dashboards, ClientProgressService progress, ClientService clients,
                         ReadModelCache cache) {
        this.dashboards = dashboards;
        this.progress = progress;
        this.clients = clients;
        this.cache = cache;
    }

    /** A client's dashboard carries their progress, so it also depends on their own generation. */
    public JsonText dashboard(Caller caller) {
        long org = caller.organizationId();
        Long ownClient = caller.isClient() ? clients.clientIdOfUser(org, caller.userId()).orElse(null) : null;
        ReadModelKey key = ReadModelKey.of("dashboard", org, ownClient, caller.role().value(), caller.userId());
        return cache.readJson(key, DashboardView.class, () -> dashboards.dashboard(caller),
                (DashboardView view) -> earliest(validUntil(view.sessions()),
                        view.progress() == null ? null : validUntil(view.progress())));
    }

    public JsonText stats(Caller caller) {
        ReadModelKey key = ReadModelKey.of("stats", caller.organizationId(), null, caller.role().value(),
                caller.userId());
        return cache.readJson(key, StatsView.class, () -> dashboards.stats(caller),
                (StatsView view) -> validUntil(view.sessions()));
    }

    /** Empty when the caller may not see the client; that answer is not cached. */
    public Optional<JsonText> progress(Caller caller, long clientId) {
        ReadModelKey key = ReadModelKey.of("progress", caller.organizationId(), clientId, caller.role().value(),
                caller.userId(), clientId);
        return cache.readOptionalJson(key, ClientProgressView.class, () -> progress.progress(caller, clientId),
                (ClientProgressView view) -> validUntil(view));
    }

    private static Instant validUntil(SessionFigures figures) {
        SessionView next = figures.nextSessions().isEmpty() ? null : figures.nextSessions().get(0);
        return earliest(nextMidnight(figures.timeZone()), next == null ? null : next.sessionDate());
    }

    private static Instant validUntil(ClientProgressView view) {
        return earliest(nextMidnight(view.workouts().timeZone()),
                view.nextSession() == null ? null : view.nextSession().sessionDate());
    }

    private static Instant nextMidnight(String timeZone) {
        ZoneId zone = ZoneId.of(timeZone);
        return LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static Instant earliest(Instant... instants) {
        return Stream.of(instants).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
    }
}
