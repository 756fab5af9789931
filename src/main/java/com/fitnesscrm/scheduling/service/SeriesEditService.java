package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Causes;
import com.fitnesscrm.common.error.FieldError;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.scheduling.api.SessionRequests;
import com.fitnesscrm.scheduling.api.SessionView;
import com.fitnesscrm.scheduling.domain.RecurringSession;
import com.fitnesscrm.scheduling.domain.TrainingSession;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Edits and cancellations of a recurring series' occurrence that reach "this and following" or "all" of the
 * series. A time change keeps each occurrence's own date and moves it to the new wall-clock time in the series'
 * zone (so it stays right across daylight-saving changes), shifted by as many days as the edited occurrence moved.
 * Everything is checked against the booking rules and written in one transaction: all or nothing.
 */
@ApplicationScoped
public class SeriesEditService {

    public enum Scope {
        THIS, FOLLOWING, ALL;

        public static Scope parse(String value) {
            if (Text.blankToNull(value) == null) {
                return THIS;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("scope", "must be this, following or all");
            }
        }
    }

    private final SessionService sessions;
    private final BookingRules rules;
    private final OrganizationService organizations;

    public SeriesEditService(SessionService sessions, BookingRules rules, OrganizationService organizations) {
        this.sessions = sessions;
        this.rules = rules;
        this.organizations = organizations;
    }

    /** The edited occurrence as the single form; empty when the caller cannot see it. */
    @Transactional
    public Optional<SessionView> update(Caller caller, long id, SessionRequests.Update request, Scope scope) {
        Optional<TrainingSession> found = sessions.visible(caller, id);
        if (found.isEmpty() || scope == Scope.THIS || found.get().recurringSessionId == null) {
            return sessions.update(caller, id, request);
        }
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients change one session at a time");
        }
        TrainingSession anchor = found.get();
        RecurringSession series = RecurringSession.findById(anchor.recurringSessionId);
        ZoneId zone = ZoneId.of(series.timeZone);
        List<TrainingSession> targets = targets(anchor, scope);

        ZonedDateTime anchorLocal = anchor.startsAt.atZone(zone);
        long dayShift = 0;
        LocalTime newTime = null;
        if (Text.blankToNull(request.sessionDate()) != null) {
            ZonedDateTime moved = FlexibleDateTime.parse("session_date", request.sessionDate(),
                    organizations.zoneFor(caller)).atZone(zone);
            dayShift = ChronoUnit.DAYS.between(anchorLocal.toLocalDate(), moved.toLocalDate());
            newTime = moved.toLocalTime();
        }
        Integer minutes = request.duration() == null ? null : SessionService.minutes(request.duration());
        String newStatus = Text.blankToNull(request.status()) == null ? null : SessionService.status(request.status());
        if (request.trainerId() != null && !request.trainerId().equals(anchor.trainerId) && !caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin can hand a series to another trainer");
        }
        if (request.trainerId() != null || request.clientId() != null) {
            sessions.authorizeBooking(caller, request.trainerId() == null ? anchor.trainerId : request.trainerId(),
                    request.clientId() == null ? anchor.clientId : request.clientId());
        }

        // Occurrences slide past one another while moving (a daily series moved by a day); the overlap
        // constraints are checked once, when all of them have moved.
        Panache.getEntityManager().createNativeQuery("set constraints training_sessions_trainer_overlap,"
                + " training_sessions_client_overlap deferred").executeUpdate();
        Instant now = Instant.now();
        for (TrainingSession s : targets) {
            String previous = s.status;
            if (newTime != null) {
                ZonedDateTime local = s.startsAt.atZone(zone);
                Instant start = local.toLocalDate().plusDays(dayShift).atTime(newTime).atZone(zone).toInstant();
                long length = Duration.between(s.startsAt, s.endsAt).toMinutes();
                s.startsAt = start;
                s.endsAt = start.plus(Duration.ofMinutes(length));
            }
            if (minutes != null) {
                s.endsAt = s.startsAt.plus(Duration.ofMinutes(minutes));
            }
            if (request.trainerId() != null) {
                s.trainerId = request.trainerId();
            }
            if (request.clientId() != null) {
                s.clientId = request.clientId();
            }
            SessionService.applyDetails(s, request, new ArrayList<>());
            if (newStatus != null && !newStatus.equals(previous)) {
                sessions.changeStatus(caller, s, newStatus);
            }
            s.updatedAt = now;
        }
        // Notes or a cancellation take no slot; anything that moves or (re)books occurrences is checked.
        boolean books = newTime != null || minutes != null || request.trainerId() != null
                || request.clientId() != null || newStatus != null && !TrainingSession.CANCELLED.equals(newStatus);
        checkAll(caller, targets, Boolean.TRUE.equals(request.overrideConflicts()), books);
        reshapeSeries(caller, series, anchor, targets, scope, zone, dayShift, newTime, minutes, request, newStatus);

        sessions.record(caller, ActivityEvent.UPDATE, anchor, Map.of("scope", scope.name().toLowerCase(Locale.ROOT),
                "sessions", targets.size()));
        return Optional.of(sessions.detail(anchor));
    }

    /** Soft-deletes the occurrence and, by scope, the following or all upcoming ones; the count deleted. */
    @Transactional
    public Optional<Integer> delete(Caller caller, long id, Scope scope) {
        Optional<TrainingSession> found = sessions.visible(caller, id);
        if (found.isEmpty() || scope == Scope.THIS || found.get().recurringSessionId == null) {
            return sessions.delete(caller, id) ? Optional.of(1) : Optional.empty();
        }
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cancel sessions instead of deleting them");
        }
        TrainingSession anchor = found.get();
        RecurringSession series = RecurringSession.findById(anchor.recurringSessionId);
        List<TrainingSession> targets = targets(anchor, scope);
        Instant now = Instant.now();
        for (TrainingSession s : targets) {
            s.deletedAt = now;
            s.updatedAt = now;
        }
        if (scope == Scope.ALL) {
            series.active = false;
        } else {
            series.endDate = anchor.startsAt.atZone(ZoneId.of(series.timeZone)).toLocalDate().minusDays(1);
            series.occurrences = null;
        }
        series.updatedAt = now;
        sessions.record(caller, ActivityEvent.DELETE, anchor, Map.of("scope", scope.name().toLowerCase(Locale.ROOT),
                "sessions", targets.size()));
        return Optional.of(targets.size());
    }

    /**
     * The occurrences a scope reaches: the edited one, plus the series' upcoming live ones from it on
     * ("following") or from now on ("all"); past, completed and no-show sessions are history and stay.
     */
    private static List<TrainingSession> targets(TrainingSession anchor, Scope scope) {
        Instant from = scope == Scope.FOLLOWING ? anchor.startsAt
                : anchor.startsAt.isBefore(Instant.now()) ? anchor.startsAt : Instant.now();
        // An occurrence handed to another trainer or client has left the series' hands: it is neither the
        // caller's to change (a trainer may edit only their own) nor checked against this pair's calendar.
        List<TrainingSession> targets = new ArrayList<>(TrainingSession.<TrainingSession>list(
                "recurringSessionId = ?1 and organizationId = ?2 and deletedAt is null and startsAt >= ?3"
                        + " and status in ('scheduled', 'requested') and id <> ?4 and trainerId = ?5"
                        + " and clientId = ?6 order by startsAt",
                anchor.recurringSessionId, anchor.organizationId, from, anchor.id, anchor.trainerId,
                anchor.clientId));
        targets.add(0, anchor);
        return targets;
    }

    private void checkAll(Caller caller, List<TrainingSession> targets, boolean override, boolean books) {
        if (!books) {
            flushTogether();
            return;
        }
        List<Long> ids = targets.stream().map(s -> s.id).toList();
        List<FieldError> problems = new ArrayList<>();
        String code = null;
        ZoneId callerZone = organizations.zoneFor(caller);
        // One series, one trainer and client after the edit: their commitments are loaded once for the whole range.
        TrainingSession first = targets.get(0);
        Instant from = targets.stream().map(t -> t.startsAt).min(Instant::compareTo).orElseThrow();
        Instant to = targets.stream().map(t -> t.endsAt).max(Instant::compareTo).orElseThrow();
        BookingRules.Span span = rules.span(first.organizationId, first.trainerId, first.clientId, from, to,
                organizations.zoneOf(first.organizationId), ids);
        for (TrainingSession s : targets) {
            if (TrainingSession.CANCELLED.equals(s.status)) {
                continue;
            }
            BookingRules.Check check = span.check(s.startsAt, s.endsAt);
            if (!check.bookable()) {
                if (override) {
                    s.allowOverlap = !check.overlaps().isEmpty();
                    continue;
                }
                code = code == null ? check.code() : code;
                for (FieldError detail : check.details(callerZone)) {
                    problems.add(new FieldError("session " + s.id, detail.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(409, code, "Some occurrences cannot move there; nothing was changed", problems,
                    null, null);
        }
        flushTogether();
    }

    /** Writes the moved occurrences and has the (deferred) overlap constraints checked now, as one. */
    private static void flushTogether() {
        try {
            TrainingSession.flush();
            Panache.getEntityManager().createNativeQuery("set constraints training_sessions_trainer_overlap,"
                    + " training_sessions_client_overlap immediate").executeUpdate();
        } catch (PersistenceException e) {
            if (Causes.hasSqlState(e, SessionService.OVERLAP_SQL_STATE)) {
                throw ApiException.conflict("session_conflict",
                        "Occurrences of the series would overlap one another; nothing was changed");
            }
            throw e;
        }
    }

    /**
     * Keeps the series' rule in step with its occurrences: "all" rewrites the rule; "following" ends the old
     * rule the day before and starts a new one carrying the change, which the moved occurrences now belong to.
     */
    private static void reshapeSeries(Caller caller, RecurringSession series, TrainingSession anchor,
                                      List<TrainingSession> targets, Scope scope, ZoneId zone, long dayShift,
                                      LocalTime newTime, Integer minutes, SessionRequests.Update request,
                                      String newStatus) {
        Instant now = Instant.now();
        RecurringSession target = series;
        if (scope == Scope.FOLLOWING) {
            series.endDate = anchor.startsAt.atZone(zone).toLocalDate().minusDays(1 + dayShift);
            series.occurrences = null;
            series.updatedAt = now;
            if (TrainingSession.CANCELLED.equals(newStatus)) {
                return;
            }
            target = copyOf(series, caller);
            target.startDate = anchor.startsAt.atZone(zone).toLocalDate();
            target.endDate = targets.get(targets.size() - 1).startsAt.atZone(zone).toLocalDate();
            target.persist();
            for (TrainingSession s : targets) {
                s.recurringSessionId = target.id;
            }
        } else if (TrainingSession.CANCELLED.equals(newStatus)) {
            series.active = false;
        }
        if (newTime != null) {
            target.startTime = newTime;
            target.recurrenceDays = shiftDays(target.recurrenceDays, dayShift);
            if (scope == Scope.ALL) {
                target.startDate = target.startDate.plusDays(dayShift);
                target.endDate = target.endDate == null ? null : target.endDate.plusDays(dayShift);
            }
        }
        if (minutes != null) {
            target.durationMinutes = minutes;
        }
        if (request.trainerId() != null) {
            target.trainerId = request.trainerId();
        }
        if (request.clientId() != null) {
            target.clientId = request.clientId();
        }
        if (request.sessionType() != null) {
            target.sessionType = Text.blankToNull(request.sessionType());
        }
        if (request.location() != null) {
            target.location = Text.blankToNull(request.location());
        }
        if (request.notes() != null) {
            target.notes = Text.blankToNull(request.notes());
        }
        target.updatedAt = now;
    }

    private static RecurringSession copyOf(RecurringSession s, Caller caller) {
        RecurringSession copy = new RecurringSession();
        copy.organizationId = s.organizationId;
        copy.trainerId = s.trainerId;
        copy.clientId = s.clientId;
        copy.startDate = s.startDate;
        copy.startTime = s.startTime;
        copy.timeZone = s.timeZone;
        copy.durationMinutes = s.durationMinutes;
        copy.recurrencePattern = s.recurrencePattern;
        copy.intervalWeeks = s.intervalWeeks;
        copy.recurrenceDays = s.recurrenceDays;
        copy.sessionType = s.sessionType;
        copy.location = s.location;
        copy.notes = s.notes;
        copy.createdBy = caller.userId();
        return copy;
    }

    /** Weekdays (0 = Monday) moved by a number of days, for a weekly rule whose occurrences all moved. */
    static String shiftDays(String days, long shift) {
        if (days == null || shift % 7 == 0) {
            return days;
        }
        return Arrays.stream(days.split(",")).map(Integer::parseInt)
                .map(d -> (int) Math.floorMod(d + shift, 7L)).sorted().map(String::valueOf)
                .collect(Collectors.joining(","));
    }
}
