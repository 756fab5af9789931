package com.fitnesscrm.training.service;

import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.training.api.ExerciseView;
import com.fitnesscrm.training.api.WorkoutLogRequests;
import com.fitnesscrm.training.domain.ClientWorkout;
import com.fitnesscrm.training.domain.ClientWorkoutExercise;
import com.fitnesscrm.training.domain.WorkoutLog;
import com.fitnesscrm.training.domain.WorkoutLogSet;
import com.fitnesscrm.training.domain.WorkoutTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Workout logs: what a client actually did, set by set. A client logs for themself, a trainer for the clients they
 * train, admins for anyone. A log of an assigned workout records the version of the client's copy it was done
 * against. Every bad value is reported at once and nothing is stored; records rise in the same transaction.
 */
@ApplicationScoped
public class WorkoutLogService {

    static final int MAX_DURATION_MINUTES = 720;
    static final int MAX_REPS = 1000;
    static final int MAX_LOAD_KG = 1000;
    static final int MAX_SET_NUMBER = 100;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** A log may be stamped a little ahead (clock skew, time zones), not days ahead. */
    static final Duration FUTURE_TOLERANCE = Duration.ofHours(24);

    private final TrainingScope scope;
    private final WorkoutTemplateService templates;
    private final PersonalRecordService records;
    private final Event<ActivityEvent> activity;

    public WorkoutLogService(TrainingScope scope, WorkoutTemplateService templates, PersonalRecordService records,
                             Event<ActivityEvent> activity) {
        this.scope = scope;
        this.templates = templates;
        this.records = records;
        this.activity = activity;
    }

    @Transactional
    public WorkoutLogRequests.Saved log(Caller caller, WorkoutLogRequests.Create request) {
        if (request.clientId() == null) {
            throw ApiException.invalidField("client_id", "is required");
        }
        long clientId = request.clientId();
        scope.requireVisibleClient(caller, clientId);
        ZoneId zone = scope.clientZone(caller.organizationId(), clientId);
        Problems problems = new Problems();

        Instant completedAt = FlexibleDateTime.parse("completed_date", request.completedDate(), zone);
        if (completedAt == null) {
            completedAt = Instant.now();
        } else if (completedAt.isAfter(Instant.now().plus(FUTURE_TOLERANCE))) {
            problems.add("completed_date", "must not be in the future");
        }
        ClientWorkout copy = null;
        if (request.clientWorkoutId() != null) {
            copy = WorkoutAssignmentService.copyOfClient(caller.organizationId(), clientId, request.clientWorkoutId())
                    .orElse(null);
            if (copy == null) {
                problems.add("client_workout_id", "is not a workout assigned to this client");
            }
        }
        Long templateId = request.workoutTemplateId();
        if (templateId != null && copy != null && !templateId.equals(copy.workoutTemplateId)) {
            problems.add("workout_template_id", "is not the template of client_workout_id");
        } else if (templateId != null && copy == null && request.clientWorkoutId() == null
                && templates.readable(caller, templateId).isEmpty()) {
            problems.add("workout_template_id", "is not a workout template you can use");
        }
        if (templateId == null && copy != null) {
            templateId = copy.workoutTemplateId;
        }
        problems.range("duration_minutes", request.durationMinutes(), 0, MAX_DURATION_MINUTES);
        problems.range("difficulty_rating", request.difficultyRating(), 1, 10);
        List<WorkoutLogRequests.SetLine> lines = request.sets() == null ? List.of() : request.sets();
        Prescriptions.Library library = Prescriptions.library(caller.organizationId(), lines.stream()
                .filter(l -> l != null && l.exerciseId() != null).map(WorkoutLogRequests.SetLine::exerciseId).toList());
        List<WorkoutLogSet> sets = sets(library.usable(), prescribed(copy), lines, problems);
        problems.throwIfAny();

        WorkoutLog log = new WorkoutLog();
        log.organizationId = caller.organizationId();
        log.clientId = clientId;
        log.clientWorkoutId = copy == null ? null : copy.id;
        log.clientWorkoutVersion = copy == null ? null : copy.version;
        log.workoutTemplateId = templateId;
        log.completedAt = completedAt;
        log.durationMinutes = request.durationMinutes();
        log.difficultyRating = request.difficultyRating();
        log.notes = Text.blankToNull(request.notes());
        log.completed = request.completed() == null || request.completed();
        log.loggedBy = caller.userId();
        log.persist();
        for (WorkoutLogSet set : sets) {
            set.workoutLogId = log.id;
            set.persist();
        }
        Map<Long, String> names = library.names();
        List<WorkoutLogRequests.RecordBroken> broken = log.completed ? records.apply(log, sets, names::get) : List.of();
        activity.fire(ActivityEvent.of(caller, ActivityEvent.CREATE, "workout_log", log.id)
                .withOwners(null, clientId));
        String name = templateId == null ? null : templates.name(templateId).orElse(null);
        return new WorkoutLogRequests.Saved("Workout logged successfully", view(log, name, sets, names::get),
                broken);
    }

    /** A client's logs, newest first, with their sets (one query per kind). */
    public WorkoutLogRequests.Listing list(Caller caller, long clientId, Integer limit) {
        scope.requireVisibleClient(caller, clientId);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<WorkoutLog> logs = WorkoutLog.<WorkoutLog>find("organizationId = ?1 and clientId = ?2"
                        + " order by completedAt desc, id desc", caller.organizationId(), clientId)
                .range(0, size - 1).list();
        if (logs.isEmpty()) {
            return new WorkoutLogRequests.Listing(List.of());
        }
        List<WorkoutLogSet> sets = WorkoutLogSet.list("workoutLogId in ?1 order by workoutLogId, setNumber, id",
                logs.stream().map(l -> l.id).toList());
        Map<Long, List<WorkoutLogSet>> setsOf = sets.stream().collect(Collectors.groupingBy(s -> s.workoutLogId));
        Map<Long, ExerciseView> exercises = Prescriptions.exercises(sets.stream().map(s -> s.exerciseId).toList());
        Function<Long, String> exerciseName = id -> Optional.ofNullable(exercises.get(id))
                .map(ExerciseView::name).orElse(null);
        Set<Long> templateIds = logs.stream().map(l -> l.workoutTemplateId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        Map<Long, String> names = templateIds.isEmpty() ? Map.of()
                : WorkoutTemplate.<WorkoutTemplate>list("id in ?1", templateIds).stream()
                .collect(Collectors.toMap(t -> t.id, t -> t.name));
        return new WorkoutLogRequests.Listing(logs.stream().map(l -> view(l,
                l.workoutTemplateId == null ? null : names.get(l.workoutTemplateId),
                setsOf.getOrDefault(l.id, List.of()), exerciseName)).toList());
    }

    /**
     * The exercises of the copy's current version: the client may log what they were given even after the
     * studio removed one of them from its library (the copy keeps naming it).
     */
    private static Set<Long> prescribed(ClientWorkout copy) {
        if (copy == null) {
            return Set.of();
        }
        return ClientWorkoutExercise.<ClientWorkoutExercise>list("clientWorkoutId = ?1 and version = ?2", copy.id,
                copy.version).stream().map(e -> e.exerciseId).collect(Collectors.toSet());
    }

    private static List<WorkoutLogSet> sets(Set<Long> inLibrary, Set<Long> prescribed,
                                            List<WorkoutLogRequests.SetLine> lines, Problems problems) {
        Set<Long> usable = new HashSet<>(inLibrary);
        usable.addAll(prescribed);
        Map<Long, Integer> numberOf = new HashMap<>();
        List<WorkoutLogSet> sets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            WorkoutLogRequests.SetLine line = lines.get(i);
            String at = "sets[" + i + "].";
            if (line == null) {
                problems.add("sets[" + i + "]", "must be an object");
                continue;
            }
            if (line.exerciseId() == null) {
                problems.add(at + "exercise_id", "is required");
            } else if (!usable.contains(line.exerciseId())) {
                problems.add(at + "exercise_id", "is not an exercise of your library");
            }
            problems.range(at + "set_number", line.setNumber(), 1, MAX_SET_NUMBER);
            problems.range(at + "reps", line.reps(), 0, MAX_REPS);
            problems.range(at + "weight_kg", line.weightKg(), 0, MAX_LOAD_KG, " kg");
            problems.range(at + "duration_seconds", line.durationSeconds(), 0, Prescriptions.MAX_DURATION_SECONDS);
            problems.range(at + "rpe", line.rpe(), 1, 10, "");
            WorkoutLogSet set = new WorkoutLogSet();
            set.exerciseId = line.exerciseId();
            int running = numberOf.merge(line.exerciseId() == null ? -1L : line.exerciseId(), 1, Integer::sum);
            set.setNumber = line.setNumber() == null ? running : line.setNumber();
            if (line.setNumber() == null && running > MAX_SET_NUMBER) {
                // Numbered for the client, past what a set number may be (the column's check refused it: a 500).
                problems.add(at + "set_number", "a log holds at most " + MAX_SET_NUMBER + " sets of one exercise");
            }
            set.reps = line.reps();
            set.weightKg = line.weightKg() == null ? null : line.weightKg().setScale(2, java.math.RoundingMode.HALF_UP);
            set.durationSeconds = line.durationSeconds();
            set.rpe = line.rpe() == null ? null : line.rpe().setScale(1, java.math.RoundingMode.HALF_UP);
            set.completed = line.completed() == null || line.completed();
            set.notes = Text.blankToNull(line.notes());
            sets.add(set);
        }
        return sets;
    }

    private static WorkoutLogRequests.View view(WorkoutLog l, String workoutName, List<WorkoutLogSet> sets,
                                                Function<Long, String> exerciseName) {
        return new WorkoutLogRequests.View(l.id, l.clientId, l.clientWorkoutId, l.clientWorkoutVersion,
                l.workoutTemplateId, workoutName, l.completedAt, l.durationMinutes, l.difficultyRating, l.notes,
                l.completed, l.loggedBy, l.createdAt, sets.stream().map(s -> new WorkoutLogRequests.SetView(s.id,
                        s.exerciseId, exerciseName.apply(s.exerciseId), s.setNumber, s.reps, s.weightKg,
                        s.durationSeconds, s.rpe, s.completed, s.notes)).toList());
    }
}
