package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.TimeZones;
import com.fitnesscrm.scheduling.api.SessionFigures;
import com.fitnesscrm.scheduling.api.SessionView;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dashboard figures, counted by PostgreSQL (one aggregate query with FILTER clauses and one GROUP BY per week)
 * rather than by loading sessions; the next sessions come from the ordinary list.
 */
@ApplicationScoped
public class SessionStatsService {

    static final int WEEKS = 12;
    static final int OUTCOME_DAYS = 30;
    /** "Upcoming" and "active" look this many days ahead (and, for active, back). */
    static final int WINDOW_DAYS = 30;
    private static final String LIVE = "status <> 'cancelled'";

    private final SessionService sessions;
    private final OrganizationService organizations;

    public SessionStatsService(SessionService sessions, OrganizationService organizations) {
        this.sessions = sessions;
        this.organizations = organizations;
    }

    public SessionFigures figures(Caller caller) {
        return figures(caller, Instant.now());
    }

    SessionFigures figures(Caller caller, Instant now) {
        long org = caller.organizationId();
        ZoneId zone = organizations.zoneOf(org);
        SessionService.SessionScope mine = sessions.scopeOf(caller);
        String scope = mine.sqlCondition();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant dayStart = today.atStartOfDay(zone).toInstant();
        Instant dayEnd = today.plusDays(1).atStartOfDay(zone).toInstant();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant weekStart = monday.atStartOfDay(zone).toInstant();
        Instant weekEnd = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
        Instant outcomesFrom = now.minus(Duration.ofDays(OUTCOME_DAYS));
        Instant activeFrom = now.minus(Duration.ofDays(WINDOW_DAYS));
        // The aggregate reads a bounded stretch of the calendar, however far ahead series are booked.
        Instant horizon = max(now.plus(Duration.ofDays(WINDOW_DAYS)), weekEnd);

        Query counts = Panache.getEntityManager().createNativeQuery("select"
                + " count(*) filter (where " + LIVE + " and starts_at >= :dayStart and starts_at < :dayEnd),"
                + " count(*) filter (where " + LIVE + " and starts_at >= :weekStart and starts_at < :weekEnd),"
                + " count(*) filter (where " + LIVE + " and starts_at >= :now and starts_at < :ahead),"
                + " count(distinct client_id) filter (where " + LIVE + " and starts_at >= :activeFrom"
                + " and starts_at < :ahead),"
                + " count(*) filter (where status = 'completed' and starts_at >= :outcomesFrom and starts_at < :now),"
                + " count(*) filter (where status = 'cancelled' and not declined and starts_at >= :outcomesFrom and starts_at < :now),"
                + " count(*) filter (where late_cancellation and starts_at >= :outcomesFrom and starts_at < :now),"
                + " count(*) filter (where status = 'no-show' and starts_at >= :outcomesFrom and starts_at < :now)"
                + " from training_sessions where organization_id = :org and deleted_at is null" + scope
                + " and starts_at >= :from and starts_at < :horizon")
                .setParameter("dayStart", ts(dayStart)).setParameter("dayEnd", ts(dayEnd))
                .setParameter("weekStart", ts(weekStart)).setParameter("weekEnd", ts(weekEnd))
                .setParameter("now", ts(now)).setParameter("activeFrom", ts(activeFrom))
                .setParameter("outcomesFrom", ts(outcomesFrom))
                .setParameter("ahead", ts(now.plus(Duration.ofDays(WINDOW_DAYS))))
                .setParameter("from", ts(min(outcomesFrom, min(weekStart, dayStart))))
                .setParameter("horizon", ts(horizon))
                .setParameter("org", org);
        if (!scope.isEmpty()) {
            counts.setParameter("mine", mine.id());
        }
        Object[] row = (Object[]) counts.getSingleResult();

        // Requests wait however far ahead they are; few rows, found through the (organization, status) index.
        Query requested = Panache.getEntityManager().createNativeQuery("select count(*) from training_sessions"
                        + " where organization_id = :org and deleted_at is null and status = 'requested'" + scope
                        + " and starts_at >= :now")
                .setParameter("org", org).setParameter("now", ts(now));
        if (!scope.isEmpty()) {
            requested.setParameter("mine", mine.id());
        }
        long pending = n(requested.getSingleResult());

        LocalDate firstWeek = monday.minusWeeks(WEEKS - 1);
        Query weekly = Panache.getEntityManager().createNativeQuery("select"
                + " cast(date_trunc('week', starts_at at time zone :zone) as date) as week, count(*)"
                + " from training_sessions where organization_id = :org and deleted_at is null and " + LIVE + scope
                + " and starts_at >= :from and starts_at < :to group by 1")
                .setParameter("zone", TimeZones.forSql(zone)).setParameter("org", org)
                .setParameter("from", ts(firstWeek.atStartOfDay(zone).toInstant()))
                .setParameter("to", ts(weekEnd));
        if (!scope.isEmpty()) {
            weekly.setParameter("mine", mine.id());
        }
        Map<LocalDate, Long> perWeek = new HashMap<>();
        for (Object result : weekly.getResultList()) {
            Object[] r = (Object[]) result;
            // Hibernate 6 maps a SQL date to LocalDate; older dialect settings give java.sql.Date.
            LocalDate week = r[0] instanceof LocalDate date ? date : ((java.sql.Date) r[0]).toLocalDate();
            perWeek.put(week, ((Number) r[1]).longValue());
        }
        List<SessionFigures.WeekCount> weeks = new ArrayList<>();
        for (LocalDate week = firstWeek; !week.isAfter(monday); week = week.plusWeeks(1)) {
            weeks.add(new SessionFigures.WeekCount(week, perWeek.getOrDefault(week, 0L)));
        }

        long completed = n(row[4]);
        long cancelled = n(row[5]);
        long late = n(row[6]);
        long noShows = n(row[7]);
        long decided = completed + cancelled + noShows;
        SessionFigures.Outcomes outcomes = new SessionFigures.Outcomes(OUTCOME_DAYS, completed, cancelled, late,
                noShows, rate(completed, decided), rate(cancelled, decided), rate(noShows, decided),
                rate(late, decided));

        List<SessionView> next = sessions.next(caller, mine, now, 5);
        return new SessionFigures(zone.getId(), n(row[0]), n(row[1]), n(row[2]), pending, n(row[3]), weeks,
                outcomes, next);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** timestamptz parameters as offset date-times, so the JVM's own time zone never shifts them. */
    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
