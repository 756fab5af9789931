package com.fitnesscrm.training.service;

import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.time.TimeZones;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.training.api.AssignmentRequests;
import com.fitnesscrm.training.api.ClientWorkoutView;
import com.fitnesscrm.training.api.ExerciseView;
import com.fitnesscrm.training.api.WorkoutExerciseView;
import com.fitnesscrm.training.api.WorkoutTemplateView;
import com.fitnesscrm.training.domain.ClientWorkout;
import com.fitnesscrm.training.domain.ClientWorkoutExercise;
import com.fitnesscrm.training.domain.ClientWorkoutVersion;
import com.fitnesscrm.training.domain.ProgramAssignment;
import com.fitnesscrm.training.domain.ProgramDay;
import com.fitnesscrm.training.domain.ScheduledWorkout;
import com.fitnesscrm.training.domain.TemplateExercise;
import com.fitnesscrm.training.domain.WorkoutProgram;
import com.fitnesscrm.training.domain.WorkoutTemplate;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Assigning templates and programs to clients. Each assignment copies the template's exercise list into the
 * client's own workout (version 1); the trainer adjusts the copy, never the template, and each change of its
 * exercises adds a version while the earlier ones stay as they were, so every log names what the client was given.
 * Programs and weekday schedules become dated scheduled workouts in the client's calendar.
 */
@ApplicationScoped
public class WorkoutAssignmentService {

    static final Set<String> STATUSES = Set.of("active", "completed", "paused");
    /** A weekday schedule without an end date runs for the template's duration_weeks, else this many weeks. */
    static final int DEFAULT_SCHEDULE_WEEKS = 12;
    static final int MAX_SCHEDULE_DAYS = 366;
    private static final java.util.regex.Pattern DATE_PREFIX = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final TrainingScope scope;
    private final WorkoutTemplateService templates;
    private final ProgramService programs;
    private final Event<ActivityEvent> activity;

    public WorkoutAssignmentService(TrainingScope scope, WorkoutTemplateService templates, ProgramService programs,
                                    Event<ActivityEvent> activity) {
        this.scope = scope;
        this.templates = templates;
        this.programs = programs;
        this.activity = activity;
    }

    @Transactional
    public AssignmentRequests.Saved assign(Caller caller, AssignmentRequests.Assign request) {
        Problems problems = new Problems();
        if (request.clientId() == null) {
            problems.add("client_id", "is required");
        }
        if (request.workoutTemplateId() == null && request.programId() == null) {
            problems.add("workout_template_id", "is required (or program_id)");
        } else if (request.workoutTemplateId() != null && request.programId() != null) {
            problems.add("program_id", "cannot be sent together with workout_template_id");
        }
        problems.throwIfAny();
        long clientId = request.clientId();
        scope.requireStaffFor(caller, clientId, "assign workouts");
        ZoneId zone = scope.clientZone(caller.organizationId(), clientId);
        LocalDate start = date("start_date", request.startDate(), zone);
        LocalDate end = date("end_date", request.endDate(), zone);
        String status = status(request.status(), problems);
        problems.range("frequency_per_week", request.frequencyPerWeek(), 1, 14);
        String weekdays = weekdays(request.scheduleDays(), problems);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add("end_date", "must not be before start_date");
        }
        if (request.programId() != null && weekdays != null) {
            problems.add("schedule_days", "cannot be sent with program_id: the program schedules its days");
        }
        problems.throwIfAny();
        return request.programId() != null
                ? assignProgram(caller, clientId, request, start, zone)
                : assignTemplate(caller, clientId, request, start, end, status, weekdays, zone);
    }

    private AssignmentRequests.Saved assignTemplate(Caller caller, long clientId, AssignmentRequests.Assign request,
                                                   LocalDate start, LocalDate end, String status, String weekdays,
                                                   ZoneId zone) {
        // Shared row lock: a delete of the template (which checks for active assignments under its own lock)
        // waits for this assignment, or this assignment sees the template deleted.
        WorkoutTemplate template = templates.readable(caller, request.workoutTemplateId())
                .map(t -> {
                    Panache.getEntityManager().refresh(t, LockModeType.PESSIMISTIC_READ);
                    return t;
                })
                .filter(t -> t.deletedAt == null)
                .orElseThrow(() -> ApiException.invalidField("workout_template_id",
                        "is not a workout template you can use"));
        ClientWorkout copy = new ClientWorkout();
        copy.organizationId = caller.organizationId();
        copy.clientId = clientId;
        copy.workoutTemplateId = template.id;
        copy.assignedBy = caller.userId();
        copy.frequencyPerWeek = request.frequencyPerWeek();
        copy.notes = Text.blankToNull(request.notes());
        copy.status = status;
        copy.scheduleDays = weekdays;
        copy.startDate = start;
        copy.endDate = end;
        if (weekdays != null) {
            LocalDate today = LocalDate.now(zone);
            copy.startDate = start == null ? today : start;
            copy.endDate = end != null ? end : copy.startDate.plusWeeks(
                    template.durationWeeks == null ? DEFAULT_SCHEDULE_WEEKS : template.durationWeeks).minusDays(1);
            if (ChronoUnit.DAYS.between(copy.startDate, copy.endDate) >= MAX_SCHEDULE_DAYS) {
                throw ApiException.invalidField("end_date", "a weekday schedule covers at most " + MAX_SCHEDULE_DAYS
                        + " days");
            }
        }
        copy.persist();
        firstVersion(caller, copy, TemplateExercise.list("workoutTemplateId = ?1 order by position, id", template.id));
        if (weekdays != null) {
            scheduleWeekdays(copy, copy.startDate);
        }
        activity.fire(ActivityEvent.of(caller, ActivityEvent.CREATE, "workout_assignment", copy.id)
                .withSubject(template.name, null).withOwners(null, clientId));
        ClientWorkoutView view = views(List.of(copy)).get(0);
        return new AssignmentRequests.Saved("Workout assigned successfully", view, List.of(view), null,
                schedule(copy.organizationId, List.of(copy.id), zone));
    }

    private AssignmentRequests.Saved assignProgram(Caller caller, long clientId, AssignmentRequests.Assign request,
                                                  LocalDate start, ZoneId zone) {
        WorkoutProgram program = programs.readable(caller, request.programId())
                .orElseThrow(() -> ApiException.invalidField("program_id", "is not a program you can use"));
        List<ProgramDay> days = ProgramService.daysOf(program.id);
        if (days.isEmpty()) {
            throw ApiException.invalidField("program_id", "has no workout days");
        }
        Set<Long> templateIds = days.stream().map(d -> d.workoutTemplateId).collect(Collectors.toSet());
        Map<Long, WorkoutTemplate> templateRows = WorkoutTemplate.<WorkoutTemplate>list("id in ?1", templateIds)
                .stream().collect(Collectors.toMap(t -> t.id, t -> t));
        if (templateRows.values().stream().anyMatch(t -> t.deletedAt != null)) {
            throw ApiException.invalidField("program_id", "uses a workout template that was deleted");
        }
        Map<Long, List<TemplateExercise>> exercises = TemplateExercise.<TemplateExercise>list(
                        "workoutTemplateId in ?1 order by position, id", templateIds).stream()
                .collect(Collectors.groupingBy(e -> e.workoutTemplateId, LinkedHashMap::new, Collectors.toList()));

        LocalDate first = start == null ? LocalDate.now(zone) : start;
        ProgramAssignment assignment = new ProgramAssignment();
        assignment.organizationId = caller.organizationId();
        assignment.clientId = clientId;
        assignment.programId = program.id;
        assignment.assignedBy = caller.userId();
        assignment.startDate = first;
        assignment.endDate = first.plusWeeks(program.durationWeeks).minusDays(1);
        assignment.notes = Text.blankToNull(request.notes());
        assignment.persist();

        // One copy per distinct template, in the order the program first uses them.
        Map<Long, ClientWorkout> copies = new LinkedHashMap<>();
        for (ProgramDay day : days) {
            copies.computeIfAbsent(day.workoutTemplateId, templateId -> {
                ClientWorkout copy = new ClientWorkout();
                copy.organizationId = caller.organizationId();
                copy.clientId = clientId;
                copy.workoutTemplateId = templateId;
                copy.programAssignmentId = assignment.id;
                copy.assignedBy = caller.userId();
                copy.startDate = assignment.startDate;
                copy.endDate = assignment.endDate;
                copy.notes = assignment.notes;
                copy.persist();
                firstVersion(caller, copy, exercises.getOrDefault(templateId, List.of()));
                return copy;
            });
            ScheduledWorkout scheduled = new ScheduledWorkout();
            scheduled.organizationId = caller.organizationId();
            scheduled.clientId = clientId;
            scheduled.clientWorkoutId = copies.get(day.workoutTemplateId).id;
            scheduled.programAssignmentId = assignment.id;
            scheduled.programDay = day.dayNumber;
            scheduled.scheduledDate = first.plusDays(day.dayNumber - 1L);
            scheduled.persist();
        }
        activity.fire(ActivityEvent.of(caller, ActivityEvent.CREATE, "program_assignment", assignment.id)
                .withSubject(program.name, null).withOwners(null, clientId));
        List<ClientWorkoutView> views = views(List.copyOf(copies.values()));
        AssignmentRequests.ProgramAssignmentView programView = new AssignmentRequests.ProgramAssignmentView(
                assignment.id, clientId, program.id, program.name, assignment.startDate, assignment.endDate,
                assignment.notes, assignment.assignedBy, assignment.createdAt);
        return new AssignmentRequests.Saved("Program assigned successfully", views.get(0), views, programView,
                schedule(caller.organizationId(), copies.values().stream().map(c -> c.id).toList(), zone));
    }

    /** A client's assignments, newest first; status defaults to active, "all" lists every one. */
    public AssignmentRequests.Listing list(Caller caller, long clientId, String status) {
        scope.requireVisibleClient(caller, clientId);
        String wanted = Text.blankToNull(status) == null ? "active" : status.trim().toLowerCase(java.util.Locale.ROOT);
        List<ClientWorkout> copies;
        if ("all".equals(wanted)) {
            copies = ClientWorkout.list("organizationId = ?1 and clientId = ?2 order by assignedDate desc, id desc",
                    caller.organizationId(), clientId);
        } else {
            if (!STATUSES.contains(wanted)) {
                throw ApiException.invalidField("status", "must be active, completed, paused or all");
            }
            copies = ClientWorkout.list("organizationId = ?1 and clientId = ?2 and status = ?3"
                    + " order by assignedDate desc, id desc", caller.organizationId(), clientId, wanted);
        }
        return new AssignmentRequests.Listing(views(copies));
    }

    /**
     * Changes a client's copy. {@code exercises} replaces the copy's list as a new version (unless it is the same
     * list); the template never changes. Pausing or completing cancels the dates still ahead; resuming restores
     * them. A new weekday schedule or new dates re-plan the dates from today on.
     */
    @Transactional
    public Optional<AssignmentRequests.Saved> update(Caller caller, long id, AssignmentRequests.Update request) {
        Optional<ClientWorkout> found = ClientWorkout.findInOrganization(caller.organizationId(), id);
        if (found.isEmpty() || !scope.canSee(caller, found.get().clientId)) {
            return Optional.empty();
        }
        TrainingScope.requireStaff(caller, "change a client's workout");
        ClientWorkout copy = found.get();
        // Re-read under a row lock: two edits at once must not both create the same next version.
        Panache.getEntityManager().refresh(copy, LockModeType.PESSIMISTIC_WRITE);
        ZoneId zone = scope.clientZone(caller.organizationId(), copy.clientId);
        LocalDate today = LocalDate.now(zone);
        Problems problems = new Problems();
        String status = request.status() == null ? copy.status : status(request.status(), problems);
        problems.range("frequency_per_week", request.frequencyPerWeek(), 1, 14);
        String weekdays = request.scheduleDays() == null ? copy.scheduleDays : weekdays(request.scheduleDays(), problems);
        LocalDate start = request.startDate() == null ? copy.startDate : date("start_date", request.startDate(), zone);
        LocalDate end = request.endDate() == null ? copy.endDate : date("end_date", request.endDate(), zone);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add("end_date", "must not be before start_date");
        }
        if (copy.programAssignmentId != null && request.scheduleDays() != null) {
            problems.add("schedule_days", "cannot be set on a program's workout: the program schedules it");
        } else if (weekdays != null) {
            // The same bound as when assigning: a change of dates must not plan years of workouts.
            LocalDate from = start == null ? today : start;
            LocalDate until = end == null ? from.plusWeeks(DEFAULT_SCHEDULE_WEEKS).minusDays(1) : end;
            if (ChronoUnit.DAYS.between(from, until) >= MAX_SCHEDULE_DAYS) {
                problems.add("end_date", "a weekday schedule covers at most " + MAX_SCHEDULE_DAYS + " days");
            }
        }
        problems.throwIfAny();
        List<ClientWorkoutExercise> rows = request.exercises() == null ? null
                : Prescriptions.rows(caller.organizationId(), "exercises", request.exercises(),
                ClientWorkoutExercise::new);

        boolean replan = copy.programAssignmentId == null && (request.scheduleDays() != null
                || !java.util.Objects.equals(start, copy.startDate) || !java.util.Objects.equals(end, copy.endDate));
        String previousStatus = copy.status;
        copy.startDate = start;
        copy.endDate = end;
        copy.scheduleDays = weekdays;
        copy.status = status;
        if (request.frequencyPerWeek() != null) {
            copy.frequencyPerWeek = request.frequencyPerWeek();
        }
        if (request.notes() != null) {
            copy.notes = Text.blankToNull(request.notes());
        }
        if (rows != null && changed(copy, rows)) {
            copy.version++;
            saveVersion(caller, copy, rows);
        }
        if (replan) {
            ScheduledWorkout.delete("clientWorkoutId = ?1 and scheduledDate >= ?2", copy.id, today);
            if (weekdays != null) {
                if (copy.startDate == null) {
                    copy.startDate = today;
                }
                if (copy.endDate == null) {
                    copy.endDate = copy.startDate.plusWeeks(DEFAULT_SCHEDULE_WEEKS).minusDays(1);
                }
                scheduleWeekdays(copy, copy.startDate.isAfter(today) ? copy.startDate : today);
            }
        } else if (!status.equals(previousStatus)) {
            // Dates already past stay as they were: they are the history completion is measured against.
            ScheduledWorkout.update("cancelled = ?1 where clientWorkoutId = ?2 and scheduledDate >= ?3",
                    !"active".equals(status), copy.id, today);
        }
        copy.updatedAt = Instant.now();
        activity.fire(ActivityEvent.of(caller, ActivityEvent.UPDATE, "workout_assignment", copy.id)
                .withOwners(null, copy.clientId));
        return Optional.of(new AssignmentRequests.Saved("Assignment updated successfully", views(List.of(copy)).get(0),
                null, null, null));
    }

    /** Every version of a client's copy with the exercises it held, oldest first. */
    public Optional<AssignmentRequests.Versions> versions(Caller caller, long id) {
        Optional<ClientWorkout> found = ClientWorkout.findInOrganization(caller.organizationId(), id);
        if (found.isEmpty() || !scope.canSee(caller, found.get().clientId)) {
            return Optional.empty();
        }
        ClientWorkout copy = found.get();
        List<ClientWorkoutVersion> versions = ClientWorkoutVersion.list("clientWorkoutId = ?1 order by version", id);
        List<ClientWorkoutExercise> rows = ClientWorkoutExercise.list(
                "clientWorkoutId = ?1 order by version, position, id", id);
        Map<Long, ExerciseView> exercises = Prescriptions.exercises(rows.stream().map(r -> r.exerciseId).toList());
        Map<Integer, List<ClientWorkoutExercise>> byVersion = rows.stream()
                .collect(Collectors.groupingBy(r -> r.version));
        return Optional.of(new AssignmentRequests.Versions(versions.stream()
                .map(v -> new AssignmentRequests.VersionView(id, v.version, v.createdBy, v.createdAt,
                        Prescriptions.copyViews(byVersion.getOrDefault(v.version, List.of()),
                                ignored -> copy.workoutTemplateId, exercises)))
                .toList()));
    }

    /** The client's scheduled workouts between two dates (default: last week to four weeks ahead). */
    public AssignmentRequests.Schedule schedule(Caller caller, long clientId, String from, String to) {
        scope.requireVisibleClient(caller, clientId);
        ZoneId zone = scope.clientZone(caller.organizationId(), clientId);
        LocalDate today = LocalDate.now(zone);
        LocalDate first = Optional.ofNullable(date("start_date", from, zone)).orElse(today.minusWeeks(1));
        LocalDate last = Optional.ofNullable(date("end_date", to, zone)).orElse(today.plusWeeks(4));
        if (last.isBefore(first)) {
            throw ApiException.invalidField("end_date", "must not be before start_date");
        }
        if (ChronoUnit.DAYS.between(first, last) > MAX_SCHEDULE_DAYS) {
            throw ApiException.invalidField("end_date", "the range covers at most " + MAX_SCHEDULE_DAYS + " days");
        }
        return new AssignmentRequests.Schedule(scheduled("s.client_id = :client and s.scheduled_date between :from and :to",
                Map.of("client", clientId, "from", first, "to", last), zone));
    }

    // ---- used by the log service ----

    /** The copy a log refers to, when it is this client's. */
    static Optional<ClientWorkout> copyOfClient(long organizationId, long clientId, long copyId) {
        return ClientWorkout.findInOrganization(organizationId, copyId).filter(c -> c.clientId == clientId);
    }

    // ---- internals ----

    private void firstVersion(Caller caller, ClientWorkout copy, List<? extends com.fitnesscrm.training.domain.PrescribedExercise> source) {
        List<ClientWorkoutExercise> rows = new ArrayList<>();
        for (var from : source) {
            ClientWorkoutExercise row = new ClientWorkoutExercise();
            row.copyFrom(from);
            rows.add(row);
        }
        saveVersion(caller, copy, rows);
    }

    private static void saveVersion(Caller caller, ClientWorkout copy, List<ClientWorkoutExercise> rows) {
        ClientWorkoutVersion version = new ClientWorkoutVersion();
        version.clientWorkoutId = copy.id;
        version.version = copy.version;
        version.createdBy = caller.userId();
        version.persist();
        // The version row must exist before its exercises reference it.
        version.flush();
        for (ClientWorkoutExercise row : rows) {
            row.clientWorkoutId = copy.id;
            row.version = copy.version;
            row.persist();
        }
    }

    private static boolean changed(ClientWorkout copy, List<ClientWorkoutExercise> rows) {
        List<ClientWorkoutExercise> current = ClientWorkoutExercise.list(
                "clientWorkoutId = ?1 and version = ?2 order by position, id", copy.id, copy.version);
        if (current.size() != rows.size()) {
            return true;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!current.get(i).samePrescription(rows.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static void scheduleWeekdays(ClientWorkout copy, LocalDate from) {
        Set<DayOfWeek> days = copy.weekdays().stream().map(d -> DayOfWeek.of(d + 1)).collect(Collectors.toSet());
        for (LocalDate date = from; !date.isAfter(copy.endDate); date = date.plusDays(1)) {
            if (days.contains(date.getDayOfWeek())) {
                ScheduledWorkout scheduled = new ScheduledWorkout();
                scheduled.organizationId = copy.organizationId;
                scheduled.clientId = copy.clientId;
                scheduled.clientWorkoutId = copy.id;
                scheduled.scheduledDate = date;
                // A paused or completed assignment keeps its dates, cancelled until it is resumed.
                scheduled.cancelled = !"active".equals(copy.status);
                scheduled.persist();
            }
        }
    }

    private List<AssignmentRequests.ScheduledWorkoutView> schedule(long organizationId, Collection<Long> copyIds,
                                                                   ZoneId zone) {
        ScheduledWorkout.flush();
        return scheduled("s.client_workout_id in (:copies)", Map.of("copies", copyIds), zone);
    }

    /** Scheduled workouts with their template's name and whether a completed log of it exists that local day. */
    @SuppressWarnings("unchecked")
    private static List<AssignmentRequests.ScheduledWorkoutView> scheduled(String condition, Map<String, Object> params,
                                                                         ZoneId zone) {
        var query = Panache.getEntityManager().createNativeQuery("select s.id, s.client_id, s.client_workout_id,"
                + " w.workout_template_id, t.name, s.program_assignment_id, s.program_day, s.scheduled_date,"
                + " s.cancelled, exists (select 1 from workout_logs l where l.client_workout_id = s.client_workout_id"
                + " and l.completed and cast(l.completed_at at time zone :zone as date) = s.scheduled_date)"
                + " from scheduled_workouts s join client_workouts w on w.id = s.client_workout_id"
                + " join workout_templates t on t.id = w.workout_template_id where " + condition
                + " order by s.scheduled_date, s.id");
        query.setParameter("zone", TimeZones.forSql(zone));
        params.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new AssignmentRequests.ScheduledWorkoutView(n(r[0]), n(r[1]), n(r[2]), n(r[3]),
                (String) r[4], r[5] == null ? null : n(r[5]), r[6] == null ? null : ((Number) r[6]).intValue(),
                localDate(r[7]), (Boolean) r[8], (Boolean) r[9])).toList();
    }

    /** Copies with their template (no exercises) and their current exercises: one query per kind. */
    static List<ClientWorkoutView> views(List<ClientWorkout> copies) {
        if (copies.isEmpty()) {
            return List.of();
        }
        Map<Long, ClientWorkout> byId = copies.stream().collect(Collectors.toMap(c -> c.id, c -> c, (a, b) -> a));
        Map<Long, WorkoutTemplateView> templates = WorkoutTemplateService.summaries(
                copies.stream().map(c -> c.workoutTemplateId).toList());
        List<ClientWorkoutExercise> rows = Panache.getEntityManager().createQuery("select e from ClientWorkoutExercise e,"
                        + " ClientWorkout w where e.clientWorkoutId = w.id and e.version = w.version and w.id in :ids"
                        + " order by e.clientWorkoutId, e.position, e.id", ClientWorkoutExercise.class)
                .setParameter("ids", byId.keySet()).getResultList();
        Map<Long, ExerciseView> exercises = Prescriptions.exercises(rows.stream().map(r -> r.exerciseId).toList());
        Map<Long, List<WorkoutExerciseView>> exercisesOf = Prescriptions.copyViews(rows,
                        copyId -> byId.get(copyId).workoutTemplateId, exercises).stream()
                .collect(Collectors.groupingBy(WorkoutExerciseView::clientWorkoutId));
        return copies.stream().map(c -> new ClientWorkoutView(c.id, c.clientId, c.workoutTemplateId,
                templates.get(c.workoutTemplateId), c.assignedBy, c.assignedDate, c.startDate, c.endDate,
                c.frequencyPerWeek, c.weekdays(), c.notes, c.status, c.version, c.programAssignmentId,
                exercisesOf.getOrDefault(c.id, List.of()), c.updatedAt)).toList();
    }

    /**
     * A calendar date in any form the SPA sends. A value that starts with a date means that date, even as an ISO
     * instant ("2026-12-01T00:00:00.000Z" from a date picker's toISOString is the 1st everywhere, not the 30th in
     * New York).
     */
    private static LocalDate date(String field, String value, ZoneId zone) {
        Instant instant = FlexibleDateTime.parse(field, value, zone);
        if (instant == null) {
            return null;
        }
        String text = value.trim();
        return DATE_PREFIX.matcher(text).lookingAt() ? LocalDate.parse(text.substring(0, 10))
                : instant.atZone(zone).toLocalDate();
    }

    private static String status(String value, Problems problems) {
        String status = Text.blankToNull(value) == null ? "active" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!STATUSES.contains(status)) {
            problems.add("status", "must be active, completed or paused");
        }
        return status;
    }

    private static String weekdays(List<Integer> days, Problems problems) {
        if (days == null || days.isEmpty()) {
            return null;
        }
        TreeSet<Integer> distinct = new TreeSet<>();
        for (Integer day : days) {
            if (day == null || day < 0 || day > 6) {
                problems.add("schedule_days", "must be weekdays 0 (Monday) to 6 (Sunday)");
                return null;
            }
            distinct.add(day);
        }
        return distinct.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static LocalDate localDate(Object value) {
        // Hibernate 6 maps a SQL date to LocalDate; older dialect settings give java.sql.Date.
        return value instanceof LocalDate date ? date : ((java.sql.Date) value).toLocalDate();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
