package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.scheduling.api.ScheduleViews;
import com.fitnesscrm.scheduling.domain.SchedulingPolicy;
import com.fitnesscrm.scheduling.domain.TimeOff;
import com.fitnesscrm.scheduling.domain.TrainingSession;
import com.fitnesscrm.scheduling.domain.WorkingPeriod;
import com.fitnesscrm.trainers.service.TrainerService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A trainer's working hours and time off, the organization's booking policy, and the free slots clients book
 * from. Trainers manage their own; admins anyone's; clients only read the availability of their own trainers.
 */
@ApplicationScoped
public class ScheduleService {

    static final int MAX_AVAILABILITY_DAYS = 62;
    static final int MAX_SLOTS = 2000;

    private final BookingRules rules;
    private final TrainerService trainers;
    private final ClientService clients;
    private final OrganizationService organizations;

    public ScheduleService(BookingRules rules, TrainerService trainers, ClientService clients,
                           OrganizationService organizations) {
        this.rules = rules;
        this.trainers = trainers;
        this.clients = clients;
        this.organizations = organizations;
    }

    public ScheduleViews.WorkingHours workingHours(Caller caller, Long trainerId) {
        long trainer = trainerFor(caller, trainerId, false);
        long org = caller.organizationId();
        List<WorkingPeriod> own = WorkingPeriod.ofTrainer(org, trainer);
        List<WorkingPeriod> hours = own.isEmpty() ? WorkingPeriod.organizationDefault(org) : own;
        String source = !own.isEmpty() ? "trainer" : hours.isEmpty() ? "none" : "organization";
        return new ScheduleViews.WorkingHours(trainer, organizations.zoneOf(org).getId(), source, views(hours),
                rules.policyOf(org).bufferMinutes);
    }

    @Transactional
    public ScheduleViews.WorkingHours setWorkingHours(Caller caller, Long trainerId,
                                                      ScheduleViews.WorkingHoursRequest request) {
        long trainer = trainerFor(caller, trainerId, true);
        // Bookings of this trainer check the hours under the same lock: they see the old week or the new one.
        rules.lockTrainer(trainer);
        WorkingPeriod.replace(caller.organizationId(), trainer,
                periods(caller.organizationId(), trainer, request.workingHours()));
        return workingHours(caller, trainer);
    }

    /** The organization's default week, for trainers who set none of their own. */
    public List<ScheduleViews.WorkingPeriod> defaultWorkingHours(long organizationId) {
        return views(WorkingPeriod.organizationDefault(organizationId));
    }

    @Transactional
    public void setDefaultWorkingHours(long organizationId, List<ScheduleViews.WorkingPeriod> hours) {
        organizations.lockOrganization(organizationId);
        WorkingPeriod.replace(organizationId, null, periods(organizationId, null, hours));
    }

    public SchedulingPolicy policy(long organizationId) {
        return rules.policyOf(organizationId);
    }

    /** Null leaves a value as it is. */
    @Transactional
    public void setPolicy(long organizationId, Integer bufferMinutes, Integer cancellationWindowHours,
                          Boolean lateCancellationUsesPackage, Boolean noShowUsesPackage) {
        organizations.lockOrganization(organizationId);
        SchedulingPolicy policy = rules.policyOf(organizationId);
        if (bufferMinutes != null) {
            if (bufferMinutes < 0 || bufferMinutes > 240) {
                throw ApiException.invalidField("buffer_minutes", "must be between 0 and 240");
            }
            policy.bufferMinutes = bufferMinutes;
        }
        if (cancellationWindowHours != null) {
            if (cancellationWindowHours < 0 || cancellationWindowHours > 336) {
                throw ApiException.invalidField("cancellation_window_hours", "must be between 0 and 336 (two weeks)");
            }
            policy.cancellationWindowHours = cancellationWindowHours;
        }
        if (lateCancellationUsesPackage != null) {
            policy.lateCancellationUsesPackage = lateCancellationUsesPackage;
        }
        if (noShowUsesPackage != null) {
            policy.noShowUsesPackage = noShowUsesPackage;
        }
        policy.updatedAt = Instant.now();
        policy.persist();
    }

    public List<ScheduleViews.TimeOff> timeOff(Caller caller, Long trainerId, String startDate, String endDate) {
        long trainer = trainerFor(caller, trainerId, false);
        ZoneId zone = organizations.zoneFor(caller);
        Instant from = Optional.ofNullable(FlexibleDateTime.parse("start_date", startDate, zone))
                .orElse(Instant.now().minus(Duration.ofDays(30)));
        Instant to = Optional.ofNullable(endOf("end_date", endDate, zone)).orElse(from.plus(Duration.ofDays(400)));
        // A client sees when their trainer is away, not why.
        return TimeOff.overlapping(caller.organizationId(), trainer, from, to).stream()
                .map(ScheduleService::view)
                .map(off -> caller.isClient() ? new ScheduleViews.TimeOff(off.id(), off.trainerId(), off.startsAt(),
                        off.endsAt(), null, off.createdAt()) : off)
                .toList();
    }

    @Transactional
    public ScheduleViews.TimeOff addTimeOff(Caller caller, ScheduleViews.TimeOffRequest request) {
        long trainer = trainerFor(caller, request.trainerId(), true);
        ZoneId zone = organizations.zoneFor(caller);
        // A booking racing this time off is either committed before it or checked against it.
        rules.lockTrainer(trainer);
        TimeOff off = new TimeOff();
        off.organizationId = caller.organizationId();
        off.trainerId = trainer;
        off.startsAt = FlexibleDateTime.parse("starts_at", request.startsAt(), zone);
        off.endsAt = endOf("ends_at", request.endsAt(), zone);
        if (!off.endsAt.isAfter(off.startsAt)) {
            throw ApiException.invalidField("ends_at", "must be after starts_at");
        }
        if (Duration.between(off.startsAt, off.endsAt).toDays() > 366) {
            throw ApiException.invalidField("ends_at", "time off can last at most a year");
        }
        off.reason = Text.blankToNull(request.reason());
        off.createdBy = caller.userId();
        off.persist();
        return view(off);
    }

    @Transactional
    public boolean removeTimeOff(Caller caller, long id) {
        Optional<TimeOff> found = TimeOff.<TimeOff>find("id = ?1 and organizationId = ?2", id, caller.organizationId())
                .firstResultOptional()
                .filter(off -> caller.isAdmin() || caller.isTrainer() && off.trainerId == myTrainer(caller));
        found.ifPresent(TimeOff::delete);
        return found.isPresent();
    }

    /**
     * Free slots of {@code duration} minutes, starting every {@code step} minutes inside the working hours, that
     * clash with no live session (the buffer included), no time off and, for a client, none of their own sessions.
     */
    public ScheduleViews.Availability availability(Caller caller, Long trainerId, String startDate, String endDate,
                                                   Integer duration, Integer step) {
        long trainer = trainerFor(caller, trainerId, false);
        long org = caller.organizationId();
        ZoneId zone = organizations.zoneOf(org);
        ZoneId callerZone = organizations.zoneFor(caller);
        int minutes = SessionService.minutes(duration);
        int stepMinutes = step == null ? 30 : step;
        if (stepMinutes < 5 || stepMinutes > 720) {
            throw ApiException.invalidField("step", "must be between 5 and 720 minutes");
        }
        Instant now = Instant.now();
        Instant from = Optional.ofNullable(FlexibleDateTime.parse("start_date", startDate, callerZone)).orElse(now);
        Instant to = Optional.ofNullable(endOf("end_date", endDate, callerZone)).orElse(from.plus(Duration.ofDays(7)));
        if (!to.isAfter(from)) {
            throw ApiException.invalidField("end_date", "must be after start_date");
        }
        if (Duration.between(from, to).toDays() > MAX_AVAILABILITY_DAYS) {
            throw ApiException.invalidField("end_date", "the range can span at most " + MAX_AVAILABILITY_DAYS + " days");
        }
        int buffer = rules.policyOf(org).bufferMinutes;
        List<WorkingPeriod> hours = rules.workingHoursOf(org, trainer);
        if (hours.isEmpty()) {
            return new ScheduleViews.Availability(trainer, zone.getId(), minutes, buffer, false, List.of());
        }
        Duration margin = Duration.ofMinutes(buffer).plusHours(12);
        List<Instant[]> busy = new ArrayList<>();
        for (TrainingSession s : TrainingSession.busyTimesOfTrainer(org, trainer, from.minus(margin), to.plus(margin))) {
            busy.add(new Instant[]{s.startsAt.minus(Duration.ofMinutes(buffer)), s.endsAt.plus(Duration.ofMinutes(buffer))});
        }
        if (caller.isClient()) {
            long me = clients.clientIdOfUser(org, caller.userId()).orElse(-1L);
            for (TrainingSession s : TrainingSession.<TrainingSession>list("organizationId = ?1 and clientId = ?2"
                    + " and deletedAt is null and status <> 'cancelled' and startsAt < ?4 and endsAt > ?3",
                    org, me, from.minus(margin), to.plus(margin))) {
                busy.add(new Instant[]{s.startsAt, s.endsAt});
            }
        }
        for (TimeOff off : TimeOff.overlapping(org, trainer, from.minus(margin), to.plus(margin))) {
            busy.add(new Instant[]{off.startsAt, off.endsAt});
        }
        busy.sort(Comparator.comparing(b -> b[0]));

        List<ScheduleViews.Slot> slots = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last) && slots.size() < MAX_SLOTS;
             day = day.plusDays(1)) {
            int weekday = day.getDayOfWeek().getValue() - 1;
            for (WorkingPeriod period : hours) {
                if (period.weekday != weekday) {
                    continue;
                }
                ZonedDateTime closes = day.atTime(period.endTime).atZone(zone);
                for (ZonedDateTime t = day.atTime(period.startTime).atZone(zone);
                     !t.plusMinutes(minutes).isAfter(closes) && slots.size() < MAX_SLOTS;
                     t = t.plusMinutes(stepMinutes)) {
                    Instant start = t.toInstant();
                    Instant end = start.plus(Duration.ofMinutes(minutes));
                    if (start.isBefore(from) || start.isBefore(now) || end.isAfter(to) || clashes(busy, start, end)) {
                        continue;
                    }
                    slots.add(new ScheduleViews.Slot(start, end));
                }
            }
        }
        slots.sort(Comparator.comparing(ScheduleViews.Slot::start));
        return new ScheduleViews.Availability(trainer, zone.getId(), minutes, buffer, true, slots);
    }

    private static boolean clashes(List<Instant[]> busy, Instant start, Instant end) {
        for (Instant[] b : busy) {
            if (b[0].isAfter(end)) {
                return false;
            }
            if (b[0].isBefore(end) && b[1].isAfter(start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whose schedule a call is about. Trainers manage their own (the default); admins name any trainer of the
     * organization; clients may read (never change) the schedule of a trainer assigned to them.
     */
    private long trainerFor(Caller caller, Long trainerId, boolean changing) {
        long org = caller.organizationId();
        if (caller.isTrainer()) {
            long me = myTrainer(caller);
            if (me < 0) {
                throw ApiException.forbidden("Your login has no trainer profile");
            }
            if (trainerId != null && trainerId != me) {
                throw ApiException.notFound("Trainer");
            }
            return me;
        }
        if (trainerId == null && caller.isAdmin()) {
            // An owner who also trains works on their own calendar by default.
            trainerId = trainers.trainerIdOfUser(org, caller.userId()).orElse(null);
        }
        if (trainerId == null) {
            throw ApiException.invalidField("trainer_id", "is required");
        }
        if (caller.isClient()) {
            if (changing) {
                throw ApiException.forbidden("Clients cannot change a trainer's schedule");
            }
            long me = clients.clientIdOfUser(org, caller.userId()).orElse(-1L);
            if (!clients.isAssigned(trainerId, me)) {
                throw ApiException.notFound("Trainer");
            }
            return trainerId;
        }
        if (!trainers.exists(org, trainerId)) {
            throw ApiException.notFound("Trainer");
        }
        return trainerId;
    }

    private long myTrainer(Caller caller) {
        return trainers.trainerIdOfUser(caller.organizationId(), caller.userId()).orElse(-1L);
    }

    /** A date alone as the end of a range means the whole of that day. */
    private static Instant endOf(String field, String value, ZoneId zone) {
        Instant parsed = FlexibleDateTime.parse(field, value, zone);
        if (parsed != null && value.trim().length() == 10) {
            return parsed.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        }
        return parsed;
    }

    private static List<WorkingPeriod> periods(long organizationId, Long trainerId,
                                               List<ScheduleViews.WorkingPeriod> requested) {
        List<WorkingPeriod> periods = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            ScheduleViews.WorkingPeriod r = requested.get(i);
            String at = "working_hours[" + i + "]";
            if (r.weekday() < 0 || r.weekday() > 6) {
                throw ApiException.invalidField(at + ".weekday", "must be 0 (Monday) to 6 (Sunday)");
            }
            WorkingPeriod p = new WorkingPeriod();
            p.organizationId = organizationId;
            p.trainerId = trainerId;
            p.weekday = r.weekday().shortValue();
            p.startTime = time(at + ".start_time", r.startTime());
            p.endTime = time(at + ".end_time", r.endTime());
            if (!p.endTime.isAfter(p.startTime)) {
                throw ApiException.invalidField(at + ".end_time", "must be after start_time");
            }
            for (WorkingPeriod other : periods) {
                if (other.weekday == p.weekday && other.startTime.isBefore(p.endTime)
                        && p.startTime.isBefore(other.endTime)) {
                    throw ApiException.invalidField(at, "overlaps another stretch of the same day");
                }
            }
            periods.add(p);
        }
        return periods;
    }

    static LocalTime time(String field, String value) {
        try {
            String v = value.trim();
            return LocalTime.parse(v.length() == 5 ? v + ":00" : v);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiException.invalidField(field, "must be HH:MM or HH:MM:SS");
        }
    }

    private static List<ScheduleViews.WorkingPeriod> views(List<WorkingPeriod> hours) {
        return hours.stream().map(p -> new ScheduleViews.WorkingPeriod((int) p.weekday, hh(p.startTime), hh(p.endTime)))
                .toList();
    }

    private static String hh(LocalTime time) {
        return time.toString().substring(0, 5);
    }

    private static ScheduleViews.TimeOff view(TimeOff off) {
        return new ScheduleViews.TimeOff(off.id, off.trainerId, off.startsAt, off.endsAt, off.reason, off.createdAt);
    }
}
