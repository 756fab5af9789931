package com.fitnesscrm.training.service;

import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.TimeZones;
import com.fitnesscrm.training.api.WorkoutStats;
import com.fitnesscrm.training.domain.ClientWorkout;
import com.fitnesscrm.training.domain.ProgramAssignment;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Completion (assigned vs completed per ISO week) and streaks, in calendar days of the client's own time zone. Local
 * dates are computed by PostgreSQL ({@code completed_at at time zone :zone}), so a workout at 23:30 counts for the
 * day it was done on, in summer time and in winter time alike.
 */
@ApplicationScoped
public class WorkoutStatsService {

    static final int WEEKS = 12;

    private final TrainingScope scope;

    public WorkoutStatsService(TrainingScope scope) {
        this.scope = scope;
    }

    public WorkoutStats stats(Caller caller, long clientId) {
        return stats(caller, clientId, Instant.now());
    }

    /** The client portal's figures, for a feature that puts the portal together. 404 for a client the caller may not see. */
    public WorkoutStats.PortalFigures portalFigures(Caller caller, long clientId) {
        WorkoutStats stats = stats(caller, clientId);
        return new WorkoutStats.PortalFigures(stats.workoutsThisWeek(), stats.completionRate(),
                stats.currentStreakDays());
    }

    WorkoutStats stats(Caller caller, long clientId, Instant now) {
        scope.requireVisibleClient(caller, clientId);
        long org = caller.organizationId();
        ZoneId zone = scope.clientZone(org, clientId);
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate thisWeek = Streaks.monday(today);
        LocalDate firstWeek = thisWeek.minusWeeks(WEEKS - 1L);
        LocalDate afterLastWeek = thisWeek.plusWeeks(1);

        Map<LocalDate, Integer> completed = new HashMap<>();
        weekly("select cast(date_trunc('week', completed_at at time zone :zone) as date), count(*) from workout_logs"
                + " where client_id = :client and completed and completed_at >= :from and completed_at < :to group by 1",
                clientId, zone, firstWeek, afterLastWeek).forEach(completed::put);
        Map<LocalDate, Integer> assigned = new HashMap<>();
        weekly("select cast(date_trunc('week', cast(scheduled_date as timestamp)) as date), count(*) from scheduled_workouts"
                + " where client_id = :client and not cancelled and scheduled_date >= :fromDate"
                + " and scheduled_date < :toDate group by 1", clientId, zone, firstWeek, afterLastWeek)
                .forEach(assigned::put);
        // Assignments with a weekly target but no dates: the target counts in every week they cover.
        List<ClientWorkout> targets = ClientWorkout.list("organizationId = ?1 and clientId = ?2 and status = 'active'"
                + " and frequencyPerWeek is not null and scheduleDays is null and programAssignmentId is null",
                org, clientId);
        List<WorkoutStats.Week> weeks = new ArrayList<>();
        int assignedTotal = 0;
        int completedTotal = 0;
        for (LocalDate week = firstWeek; week.isBefore(afterLastWeek); week = week.plusWeeks(1)) {
            int target = 0;
            LocalDate sunday = week.plusDays(6);
            for (ClientWorkout copy : targets) {
                LocalDate from = copy.startDate != null ? copy.startDate : copy.assignedDate.atZone(zone).toLocalDate();
                if (!from.isAfter(sunday) && (copy.endDate == null || !copy.endDate.isBefore(week))) {
                    target += copy.frequencyPerWeek;
                }
            }
            int a = assigned.getOrDefault(week, 0) + target;
            int c = completed.getOrDefault(week, 0);
            assignedTotal += a;
            completedTotal += c;
            weeks.add(new WorkoutStats.Week(week, a, c));
        }
        Double rate = assignedTotal == 0 ? null
                : Math.min(100.0, Math.round(completedTotal * 1000.0 / assignedTotal) / 10.0);

        Streaks.Result streaks = Streaks.of(workoutDays(clientId, zone), restDays(org, clientId), today);
        return new WorkoutStats(clientId, zone.getId(), weeks, rate, completed.getOrDefault(thisWeek, 0),
                streaks.currentDays(), streaks.longestDays(), streaks.currentWeeks(), streaks.longestWeeks());
    }

    /** The client's local dates with a completed workout. */
    @SuppressWarnings("unchecked")
    private static TreeSet<LocalDate> workoutDays(long clientId, ZoneId zone) {
        List<Object> rows = Panache.getEntityManager().createNativeQuery("select distinct"
                        + " cast(completed_at at time zone :zone as date) from workout_logs where client_id = :client"
                        + " and completed")
                .setParameter("zone", TimeZones.forSql(zone)).setParameter("client", clientId).getResultList();
        TreeSet<LocalDate> days = new TreeSet<>();
        rows.forEach(r -> days.add(WorkoutAssignmentService.localDate(r)));
        return days;
    }

    /**
     * A rest day: inside a program or a weekday schedule of the client, with no workout scheduled for it. A day
     * outside any of them is an ordinary day, which breaks a streak when missed.
     */
    @SuppressWarnings("unchecked")
    private static java.util.function.Predicate<LocalDate> restDays(long org, long clientId) {
        List<LocalDate[]> covered = new ArrayList<>();
        ProgramAssignment.<ProgramAssignment>list("organizationId = ?1 and clientId = ?2", org, clientId)
                .forEach(p -> covered.add(new LocalDate[]{p.startDate, p.endDate}));
        ClientWorkout.<ClientWorkout>list("organizationId = ?1 and clientId = ?2 and scheduleDays is not null"
                        + " and programAssignmentId is null and startDate is not null and endDate is not null", org, clientId)
                .forEach(c -> covered.add(new LocalDate[]{c.startDate, c.endDate}));
        if (covered.isEmpty()) {
            return day -> false;
        }
        Set<LocalDate> scheduled = new HashSet<>();
        List<Object> rows = Panache.getEntityManager().createNativeQuery("select distinct scheduled_date from"
                        + " scheduled_workouts where client_id = :client and not cancelled")
                .setParameter("client", clientId).getResultList();
        rows.forEach(r -> scheduled.add(WorkoutAssignmentService.localDate(r)));
        return day -> !scheduled.contains(day)
                && covered.stream().anyMatch(range -> !day.isBefore(range[0]) && !day.isAfter(range[1]));
    }

    @SuppressWarnings("unchecked")
    private static Map<LocalDate, Integer> weekly(String sql, long clientId, ZoneId zone, LocalDate from, LocalDate to) {
        var query = Panache.getEntityManager().createNativeQuery(sql).setParameter("client", clientId);
        if (sql.contains(":zone")) {
            query.setParameter("zone", TimeZones.forSql(zone))
                    .setParameter("from", from.atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC))
                    .setParameter("to", to.atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC));
        } else {
            query.setParameter("fromDate", from).setParameter("toDate", to);
        }
        Map<LocalDate, Integer> counts = new HashMap<>();
        for (Object row : (List<Object[]>) query.getResultList()) {
            Object[] r = (Object[]) row;
            counts.put(WorkoutAssignmentService.localDate(r[0]), ((Number) r[1]).intValue());
        }
        return counts;
    }
}
