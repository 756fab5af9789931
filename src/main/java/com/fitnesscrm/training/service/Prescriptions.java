package com.fitnesscrm.training.service;

import com.fitnesscrm.common.error.Problems;
import io.quarkus.hibernate.orm.panache.Panache;

import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.training.api.ExerciseView;
import com.fitnesscrm.training.api.WorkoutExerciseView;
import com.fitnesscrm.training.api.WorkoutTemplateRequests;
import com.fitnesscrm.training.domain.ClientWorkoutExercise;
import com.fitnesscrm.training.domain.Exercise;
import com.fitnesscrm.training.domain.PrescribedExercise;
import com.fitnesscrm.training.domain.TemplateExercise;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Exercise lists of templates and of clients' copies: checked the same way, shown the same way. */
final class Prescriptions {

    static final int MAX_SETS = 50;
    /** Six hours: longer is a typing mistake, not an exercise. */
    static final int MAX_DURATION_SECONDS = 6 * 3600;
    static final int MAX_REST_SECONDS = 3600;
    static final int MAX_ORDER = 1000;
    private static final Pattern NEGATIVE = Pattern.compile("^\\s*-\\s*\\d.*");

    private Prescriptions() {
    }

    /**
     * Checks a list as sent (every problem named by its index, e.g. {@code exercises[2].exercise_id}) and returns
     * it as unsaved rows in order. An exercise of another organization is unknown here, like one that never existed.
     */
    static <T extends PrescribedExercise> List<T> rows(long organizationId, String field,
                                                       List<WorkoutTemplateRequests.ExerciseLine> lines,
                                                       java.util.function.Supplier<T> factory) {
        Problems problems = new Problems();
        Set<Long> wanted = new HashSet<>();
        for (WorkoutTemplateRequests.ExerciseLine line : lines) {
            if (line != null && line.exerciseId() != null) {
                wanted.add(line.exerciseId());
            }
        }
        Set<Long> usable = usableExerciseIds(organizationId, wanted);
        List<T> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            WorkoutTemplateRequests.ExerciseLine line = lines.get(i);
            String at = field + "[" + i + "].";
            if (line == null) {
                problems.add(field + "[" + i + "]", "must be an object");
                continue;
            }
            if (line.exerciseId() == null) {
                problems.add(at + "exercise_id", "is required");
            } else if (!usable.contains(line.exerciseId())) {
                problems.add(at + "exercise_id", "is not an exercise of your library");
            }
            problems.range(at + "order", line.order(), 0, MAX_ORDER);
            problems.range(at + "sets", line.sets(), 0, MAX_SETS);
            problems.range(at + "duration_seconds", line.durationSeconds(), 0, MAX_DURATION_SECONDS);
            problems.range(at + "rest_seconds", line.restSeconds(), 0, MAX_REST_SECONDS);
            if (line.reps() != null && NEGATIVE.matcher(line.reps()).matches()) {
                problems.add(at + "reps", "must not be negative");
            }
            if (line.weight() != null && NEGATIVE.matcher(line.weight()).matches()) {
                problems.add(at + "weight", "must not be negative");
            }
            T row = factory.get();
            row.exerciseId = line.exerciseId();
            row.position = line.order() == null ? i + 1 : line.order();
            row.sets = line.sets();
            row.reps = Text.blankToNull(line.reps());
            row.durationSeconds = line.durationSeconds();
            row.restSeconds = line.restSeconds();
            row.weight = Text.blankToNull(line.weight());
            row.tempo = Text.blankToNull(line.tempo());
            row.notes = Text.blankToNull(line.notes());
            rows.add(row);
        }
        problems.throwIfAny();
        // Stable: equal orders keep the order they were sent in.
        rows.sort(Comparator.comparingInt(r -> r.position));
        return rows;
    }

    static Set<Long> usableExerciseIds(long organizationId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Exercise.<Exercise>list("id in ?1 and (organizationId is null or organizationId = ?2)"
                        + " and deletedAt is null", ids, organizationId).stream()
                .map(e -> e.id).collect(Collectors.toSet());
    }

    /**
     * Exercises by id, those that exist. Hibernate's multi-load sends one statement with the ids as one array
     * parameter ({@code id = any(?)}), whose SQL is built once; an HQL "id in ?1" list is translated anew on
     * every call.
     */
    private static List<Exercise> byIds(Collection<Long> ids) {
        return Panache.getSession().findMultiple(Exercise.class, List.copyOf(new HashSet<>(ids))).stream()
                .filter(java.util.Objects::nonNull).toList();
    }

    /** Names of exercises by id, with those the organization may still use (its own and the shared library, not deleted). */
    record Library(Map<Long, String> names, Set<Long> usable) {
    }

    /**
     * The names and the usable ids of a log's exercises in one statement: a log checks its sets against the library
     * and then names their exercises, and needs no more of them. A projection, not entities (loading and tracking
     * six full exercise rows was a tenth of a logged workout's Java time), with the ids as one array parameter so
     * that the SQL is the same whatever their number.
     */
    static Library library(long organizationId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return new Library(Map.of(), Set.of());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select e.id, e.name,"
                        + " (e.organization_id is null or e.organization_id = ?1) and e.deleted_at is null"
                        + " from exercises e where e.id = any(?2)")
                .setParameter(1, organizationId)
                .setParameter(2, new HashSet<>(ids).toArray(Long[]::new))
                .getResultList();
        Map<Long, String> names = new HashMap<>();
        Set<Long> usable = new HashSet<>();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            names.put(id, (String) row[1]);
            if (Boolean.TRUE.equals(row[2])) {
                usable.add(id);
            }
        }
        return new Library(names, usable);
    }

    /** Exercises by id in one query, deleted ones included (an old copy may still name them). */
    static Map<Long, ExerciseView> exercises(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return byIds(ids).stream().collect(Collectors.toMap(e -> e.id, ExerciseService::view));
    }

    static List<WorkoutExerciseView> templateViews(List<TemplateExercise> rows) {
        Map<Long, ExerciseView> exercises = exercises(rows.stream().map(r -> r.exerciseId).toList());
        return rows.stream().map(r -> view(r, r.id, r.workoutTemplateId, null, null, exercises)).toList();
    }

    static List<WorkoutExerciseView> copyViews(List<ClientWorkoutExercise> rows, Function<Long, Long> templateOf,
                                               Map<Long, ExerciseView> exercises) {
        return rows.stream().map(r -> view(r, r.id, templateOf.apply(r.clientWorkoutId), r.clientWorkoutId,
                r.version, exercises)).toList();
    }

    private static WorkoutExerciseView view(PrescribedExercise r, long id, Long templateId, Long copyId,
                                            Integer version, Map<Long, ExerciseView> exercises) {
        return new WorkoutExerciseView(id, templateId, copyId, version, r.exerciseId, exercises.get(r.exerciseId),
                r.position, r.sets, r.reps, r.durationSeconds, r.restSeconds, r.weight, r.tempo, r.notes);
    }
}
