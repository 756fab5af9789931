package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.common.error.FieldError;
import com.fitnesscrm.scheduling.domain.SchedulingPolicy;
import com.fitnesscrm.scheduling.domain.TimeOff;
import com.fitnesscrm.scheduling.domain.TrainingSession;
import com.fitnesscrm.scheduling.domain.WorkingPeriod;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a booking is checked against: other live sessions of the same trainer or client (the trainer's widened by
 * the organization's buffer), the trainer's working hours and their time off. Every booking path (single
 * sessions, series, series moves, availability) goes through here, so they all refuse the same things.
 */
@ApplicationScoped
public class BookingRules {

    /** Namespace of the transaction-scoped advisory locks taken per trainer while booking. */
    private static final int TRAINER_LOCK_NAMESPACE = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The outcome of checking one slot; empty lists and {@code withinWorkingHours} mean bookable. */
    public record Check(List<TrainingSession> overlaps, List<TimeOff> timeOff, boolean withinWorkingHours,
                        int bufferMinutes) {

        public boolean bookable() {
            return overlaps.isEmpty() && timeOff.isEmpty() && withinWorkingHours;
        }

        /** The error code the SPA and API clients can branch on, the most specific problem first. */
        public String code() {
            if (!overlaps.isEmpty()) {
                return "session_conflict";
            }
            return !timeOff.isEmpty() ? "trainer_time_off" : "outside_working_hours";
        }

        public String message() {
            if (!overlaps.isEmpty()) {
                return bufferMinutes > 0
                        ? "This time overlaps another session of the same trainer or client, or leaves the trainer"
                        + " less than the " + bufferMinutes + "-minute buffer between sessions"
                        : "This time overlaps another session of the same trainer or client";
            }
            return !timeOff.isEmpty() ? "The trainer is off at this time"
                    : "This time is outside the trainer's working hours";
        }

        /** One line per problem, for the error's details. */
        public List<FieldError> details(ZoneId zone) {
            List<FieldError> details = new ArrayList<>();
            for (TrainingSession c : overlaps) {
                details.add(new FieldError("session_date", "overlaps session " + c.id + " (" + span(c.startsAt,
                        c.endsAt, zone) + ", " + c.status + ")"));
            }
            for (TimeOff off : timeOff) {
                details.add(new FieldError("session_date", "trainer time off " + off.id + " ("
                        + span(off.startsAt, off.endsAt, zone) + ")"));
            }
            if (!withinWorkingHours) {
                details.add(new FieldError("session_date", "outside the trainer's working hours"));
            }
            return details;
        }
    }

    public SchedulingPolicy policyOf(long organizationId) {
        SchedulingPolicy policy = SchedulingPolicy.findById(organizationId);
        if (policy == null) {
            policy = new SchedulingPolicy();
            policy.organizationId = organizationId;
        }
        return policy;
    }

    /** The trainer's own weekly hours, else the organization's default; empty means no limit was set. */
    public List<WorkingPeriod> workingHoursOf(long organizationId, long trainerId) {
        List<WorkingPeriod> both = WorkingPeriod.ofTrainerOrDefault(organizationId, trainerId);
        List<WorkingPeriod> own = both.stream().filter(p -> p.trainerId != null).toList();
        return own.isEmpty() ? both : own;
    }

    /**
     * Takes the trainer's lock until the transaction ends, exclusively: for changes to what bookings are checked
     * against (time off, working hours) and for series, which book many occurrences against one reading of the
     * calendar. Single bookings take it shared ({@link #check}): they wait for such a change but not for each other.
     */
    void lockTrainer(long trainerId) {
        lock("pg_advisory_xact_lock", trainerId);
    }

    private static void lock(String function, long trainerId) {
        Panache.getEntityManager()
                .createNativeQuery("select count(*) from (select " + function + "(?1, ?2)) locked")
                .setParameter(1, TRAINER_LOCK_NAMESPACE)
                .setParameter(2, (int) trainerId)
                .getSingleResult();
    }

    /**
     * Checks one booking. Bookings of one trainer run side by side: the exclusion constraints refuse an overlap
     * (and, through {@code blocked_until}, a buffer) that a concurrent booking committed meanwhile, which the caller
     * answers 409 like the check's own refusal. They used to queue behind one exclusive lock, so a trainer could
     * book no faster than one commit (a WAL flush) after another.
     */
    public Check check(long organizationId, long trainerId, long clientId, Instant start, Instant end, ZoneId zone,
                       Collection<Long> except) {
        return span(organizationId, trainerId, clientId, start, end, zone, except, false).check(start, end);
    }

    /**
     * Everything that constrains a trainer–client pair between {@code from} and {@code to}, loaded with a fixed
     * number of queries, so a series of any length is checked in memory rather than with queries per occurrence.
     * Takes the trainer's lock (see {@link #lockTrainer}): the caller's transaction books against a stable calendar.
     */
    public Span span(long organizationId, long trainerId, long clientId, Instant from, Instant to, ZoneId zone,
                     Collection<Long> except) {
        return span(organizationId, trainerId, clientId, from, to, zone, except, true);
    }

    private Span span(long organizationId, long trainerId, long clientId, Instant from, Instant to, ZoneId zone,
                      Collection<Long> except, boolean exclusive) {
        // The caller may hold a moved session in memory; flushing it before the check would let the exclusion
        // constraint answer (an exception) where the check should (a 409 with details), and before an override
        // could mark it. The session under edit is excluded by id, so reading the stored state is right.
        EntityManager em = Panache.getEntityManager();
        FlushModeType flushMode = em.getFlushMode();
        em.setFlushMode(FlushModeType.COMMIT);
        try {
            SchedulingPolicy policy = policyOf(organizationId);
            List<WorkingPeriod> hours = workingHoursOf(organizationId, trainerId);
            // Only what other bookings can change is read under the trainer's lock, which holds until commit.
            lock(exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared", trainerId);
            return new Span(trainerId, clientId, zone, policy.bufferMinutes,
                    new ArrayList<>(TrainingSession.overlapping(organizationId, trainerId, clientId, from, to,
                            policy.bufferMinutes, except)),
                    TimeOff.overlapping(organizationId, trainerId, from, to), hours);
        } finally {
            em.setFlushMode(flushMode);
        }
    }

    /** The loaded commitments of one trainer–client pair; {@link #add} keeps it current while booking a series. */
    public static final class Span {
        private final long trainerId;
        private final long clientId;
        private final ZoneId zone;
        private final int bufferMinutes;
        private final List<TrainingSession> sessions;
        private final List<TimeOff> timeOff;
        private final List<WorkingPeriod> hours;

        Span(long trainerId, long clientId, ZoneId zone, int bufferMinutes, List<TrainingSession> sessions,
             List<TimeOff> timeOff, List<WorkingPeriod> hours) {
            this.trainerId = trainerId;
            this.clientId = clientId;
            this.zone = zone;
            this.bufferMinutes = bufferMinutes;
            this.sessions = sessions;
            this.timeOff = timeOff;
            this.hours = hours;
        }

        public Check check(Instant start, Instant end) {
            java.time.Duration buffer = java.time.Duration.ofMinutes(bufferMinutes);
            List<TrainingSession> overlaps = new ArrayList<>();
            for (TrainingSession s : sessions) {
                boolean trainerClash = s.trainerId == trainerId && s.startsAt.isBefore(end.plus(buffer))
                        && s.endsAt.isAfter(start.minus(buffer));
                boolean clientClash = s.clientId == clientId && s.startsAt.isBefore(end) && s.endsAt.isAfter(start);
                if (!TrainingSession.CANCELLED.equals(s.status) && (trainerClash || clientClash)) {
                    overlaps.add(s);
                }
            }
            List<TimeOff> off = timeOff.stream()
                    .filter(t -> t.startsAt.isBefore(end) && t.endsAt.isAfter(start)).toList();
            return new Check(overlaps, off, within(hours, start, end, zone), bufferMinutes);
        }

        public void add(TrainingSession booked) {
            sessions.add(booked);
        }
    }

    /** Inside one stretch of the weekly hours, in local time; no hours set means any time is fine. */
    static boolean within(List<WorkingPeriod> hours, Instant start, Instant end, ZoneId zone) {
        if (hours.isEmpty()) {
            return true;
        }
        ZonedDateTime localStart = start.atZone(zone);
        ZonedDateTime localEnd = end.atZone(zone);
        int weekday = localStart.getDayOfWeek().getValue() - 1;
        for (WorkingPeriod period : hours) {
            if (period.weekday != weekday) {
                continue;
            }
            ZonedDateTime opens = localStart.toLocalDate().atTime(period.startTime).atZone(zone);
            ZonedDateTime closes = localStart.toLocalDate().atTime(period.endTime).atZone(zone);
            if (!localStart.isBefore(opens) && !localEnd.isAfter(closes)) {
                return true;
            }
        }
        return false;
    }

    private static String span(Instant from, Instant to, ZoneId zone) {
        String end = WHEN.format(to.atZone(zone));
        String start = WHEN.format(from.atZone(zone));
        return start + "–" + (start.substring(0, 10).equals(end.substring(0, 10)) ? end.substring(11) : end);
    }
}
