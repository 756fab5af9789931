package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Causes;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.scheduling.api.RecurringRequests;
import com.fitnesscrm.scheduling.api.RecurringSessionView;
import com.fitnesscrm.scheduling.domain.RecurringSession;
import com.fitnesscrm.scheduling.domain.TrainingSession;
import io.quarkus.panache.common.Parameters;
import com.fitnesscrm.common.activity.ActivityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recurring series. The occurrences are created in one transaction: all of them or, on any failure, none.
 * Occurrences whose slot is already taken by a live session are skipped and reported (the contract's rule).
 */
@ApplicationScoped
public class RecurringSessionService {

    private final SessionService sessions;
    private final OrganizationService organizations;
    private final BookingRules rules;
    private final Event<ActivityEvent> activity;

    public RecurringSessionService(SessionService sessions, OrganizationService organizations, BookingRules rules,
                                   Event<ActivityEvent> activity) {
        this.sessions = sessions;
        this.organizations = organizations;
        this.rules = rules;
        this.activity = activity;
    }

    @Transactional
    public RecurringRequests.Created create(Caller caller, RecurringRequests.Create request) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients request single sessions; their trainer sets up series");
        }
        sessions.authorizeBooking(caller, request.trainerId(), request.clientId());
        long org = caller.organizationId();
        ZoneId zone = organizations.zoneOf(org);
        Recurrence.Pattern pattern = pattern(request.recurrencePattern());
        LocalDate start = date("start_date", request.startDate(), zone);
        LocalDate end = Text.blankToNull(request.endDate()) == null ? null : date("end_date", request.endDate(), zone);
        if (end != null && end.isBefore(start)) {
            throw ApiException.invalidField("end_date", "must not be before start_date");
        }
        if (end != null && end.isAfter(start.plusYears(2))) {
            throw ApiException.invalidField("end_date", "must be within two years of start_date");
        }
        LocalTime time = ScheduleService.time("start_time", request.startTime());
        int minutes = SessionService.minutes(request.duration());
        Set<DayOfWeek> weekdays = weekdays(request.recurrenceDays());
        int every = request.intervalWeeks() == null ? 1 : request.intervalWeeks();

        RecurringSession series = new RecurringSession();
        series.organizationId = org;
        series.trainerId = request.trainerId();
        series.clientId = request.clientId();
        series.startDate = start;
        series.endDate = end;
        series.occurrences = request.occurrences();
        series.startTime = time;
        series.timeZone = zone.getId();
        series.durationMinutes = minutes;
        series.recurrencePattern = pattern.name().toLowerCase(Locale.ROOT);
        series.intervalWeeks = pattern == Recurrence.Pattern.BIWEEKLY ? 2 : every;
        series.recurrenceDays = weekdays.isEmpty() ? null : weekdays.stream().sorted()
                .map(d -> String.valueOf(d.getValue() - 1)).collect(Collectors.joining(","));
        series.sessionType = Text.blankToNull(request.sessionType());
        series.location = Text.blankToNull(request.location());
        series.notes = Text.blankToNull(request.notes());
        series.createdBy = caller.userId();
        series.persist();

        boolean override = Boolean.TRUE.equals(request.overrideConflicts());
        List<Instant> occurrences = Recurrence.expand(pattern, start, time, zone, weekdays, every, end,
                request.occurrences());
        BookingRules.Span span = occurrences.isEmpty() ? null : rules.span(org, series.trainerId, series.clientId,
                occurrences.get(0), occurrences.get(occurrences.size() - 1).plus(Duration.ofMinutes(minutes)), zone,
                List.of());
        List<RecurringRequests.Skipped> skipped = new ArrayList<>();
        int created = 0;
        for (Instant occurrence : occurrences) {
            Instant finish = occurrence.plus(Duration.ofMinutes(minutes));
            BookingRules.Check check = span.check(occurrence, finish);
            if (!check.overlaps().isEmpty()) {
                skipped.add(new RecurringRequests.Skipped(occurrence, "overlaps session " + check.overlaps().get(0).id));
                continue;
            }
            if (!check.bookable() && !override) {
                skipped.add(new RecurringRequests.Skipped(occurrence, check.timeOff().isEmpty()
                        ? "outside the trainer's working hours" : "the trainer is off"));
                continue;
            }
            TrainingSession session = new TrainingSession();
            session.organizationId = org;
            session.trainerId = series.trainerId;
            session.clientId = series.clientId;
            session.startsAt = occurrence;
            session.endsAt = finish;
            session.sessionType = series.sessionType;
            session.location = series.location;
            session.notes = series.notes;
            session.recurringSessionId = series.id;
            session.createdBy = caller.userId();
            session.persist();
            span.add(session);
            created++;
        }
        try {
            TrainingSession.flush();
        } catch (PersistenceException e) {
            if (Causes.hasSqlState(e, SessionService.OVERLAP_SQL_STATE)) {
                throw ApiException.conflict("session_conflict",
                        "A slot of this series was just booked by someone else; nothing was created, try again");
            }
            throw e;
        }
        activity.fire(ActivityEvent.of(caller, ActivityEvent.CREATE, "recurring_session", series.id)
                .withOwners(series.trainerId, series.clientId)
                .withDetails(Map.of("recurrence_pattern", series.recurrencePattern, "sessions_created", created,
                        "skipped", skipped.size())));
        return new RecurringRequests.Created(view(series), created, skipped);
    }

    public List<RecurringSessionView> list(Caller caller, Long trainerId, Long clientId, boolean activeOnly) {
        StringBuilder where = new StringBuilder("organizationId = :org");
        Parameters params = Parameters.with("org", caller.organizationId());
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients see their sessions in /api/sessions");
        }
        if (caller.isTrainer()) {
            where.append(" and trainerId = :mine");
            params.and("mine", sessions.myTrainerIdOrNone(caller));
        }
        if (trainerId != null) {
            where.append(" and trainerId = :trainer");
            params.and("trainer", trainerId);
        }
        if (clientId != null) {
            where.append(" and clientId = :client");
            params.and("client", clientId);
        }
        if (activeOnly) {
            where.append(" and active = true");
        }
        return RecurringSession.<RecurringSession>list(where + " order by startDate, id", params).stream()
                .map(RecurringSessionService::view).toList();
    }

    /** Ends a series; with {@code deleteFuture} its upcoming scheduled sessions go too. */
    @Transactional
    public Optional<Integer> end(Caller caller, long id, boolean deleteFuture) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot end series");
        }
        Optional<RecurringSession> found = RecurringSession.<RecurringSession>find(
                "id = ?1 and organizationId = ?2", id, caller.organizationId()).firstResultOptional()
                .filter(s -> caller.isAdmin() || s.trainerId == sessions.myTrainerIdOrNone(caller));
        return found.map(series -> {
            series.active = false;
            series.updatedAt = Instant.now();
            activity.fire(ActivityEvent.of(caller, ActivityEvent.DELETE, "recurring_session", series.id)
                    .withOwners(series.trainerId, series.clientId)
                    .withDetails(Map.of("delete_future", deleteFuture)));
            if (!deleteFuture) {
                return 0;
            }
            return TrainingSession.update("deletedAt = ?1, updatedAt = ?1 where recurringSessionId = ?2"
                    + " and startsAt > ?1 and deletedAt is null and status in ('scheduled', 'requested')",
                    Instant.now(), series.id);
        });
    }

    private static Recurrence.Pattern pattern(String value) {
        try {
            return Recurrence.Pattern.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("recurrence_pattern", "must be daily, weekly, biweekly or monthly");
        }
    }

    private static LocalDate date(String field, String value, ZoneId zone) {
        return FlexibleDateTime.parse(field, value, zone).atZone(zone).toLocalDate();
    }

    /** The SPA numbers weekdays 0 = Monday … 6 = Sunday. */
    private static Set<DayOfWeek> weekdays(List<Integer> days) {
        if (days == null || days.isEmpty()) {
            return EnumSet.noneOf(DayOfWeek.class);
        }
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (Integer day : days) {
            if (day == null || day < 0 || day > 6) {
                throw ApiException.invalidField("recurrence_days", "must be numbers from 0 (Monday) to 6 (Sunday)");
            }
            result.add(DayOfWeek.of(day + 1));
        }
        return result;
    }

    static RecurringSessionView view(RecurringSession s) {
        List<Integer> days = s.recurrenceDays == null ? List.of()
                : Arrays.stream(s.recurrenceDays.split(",")).map(Integer::valueOf).toList();
        return new RecurringSessionView(s.id, s.trainerId, s.clientId, s.startDate, s.endDate, s.occurrences,
                s.startTime.toString().length() == 5 ? s.startTime + ":00" : s.startTime.toString(), s.timeZone,
                s.durationMinutes, s.sessionType, s.location, s.recurrencePattern, days, s.intervalWeeks, s.notes,
                s.active, s.createdAt, s.updatedAt);
    }
}
