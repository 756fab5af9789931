package com.fitnesscrm.training.service;

import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Causes;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.training.api.ExerciseRequests;
import com.fitnesscrm.training.api.ExerciseView;
import com.fitnesscrm.training.domain.Exercise;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The exercise library: the global one shipped with the service (read-only) and each organization's own
 * exercises, which its admins and trainers add, change and remove. Everyone in the organization reads both.
 */
@ApplicationScoped
public class ExerciseService {

    /** The exercise page asks without per_page and expects the whole (filtered) library on one page. */
    static final int DEFAULT_PER_PAGE = 100;
    /** The unpaged list answers at most this many exercises. */
    static final int MAX_UNPAGED = 2000;
    static final Set<String> DIFFICULTIES = Set.of("beginner", "intermediate", "advanced");
    /** Postgres unique_violation: a second exercise of the same name in one library. */
    static final String UNIQUE_SQL_STATE = "23505";

    private final Event<ActivityEvent> activity;

    public ExerciseService(Event<ActivityEvent> activity) {
        this.activity = activity;
    }

    public ExerciseRequests.Page list(Caller caller, ExerciseRequests.Filter filter, Integer page, Integer perPage) {
        PageRequest paging = PageRequest.of(page, perPage == null ? DEFAULT_PER_PAGE : perPage);
        PanacheQuery<Exercise> query = query(caller, filter);
        long total = query.count();
        List<ExerciseView> items = query.range(paging.offset(), paging.offset() + paging.perPage() - 1).list()
                .stream().map(ExerciseService::view).toList();
        return new ExerciseRequests.Page(items, total, paging.pages(total), paging.page());
    }

    /** Every match in one list (the trainer portal's form), bounded so a huge custom library cannot blow it up. */
    public List<ExerciseView> all(Caller caller, ExerciseRequests.Filter filter) {
        return query(caller, filter).range(0, MAX_UNPAGED - 1).list().stream().map(ExerciseService::view).toList();
    }

    private static PanacheQuery<Exercise> query(Caller caller, ExerciseRequests.Filter filter) {
        StringBuilder where = new StringBuilder("(organizationId is null or organizationId = :org) and deletedAt is null");
        Parameters params = Parameters.with("org", caller.organizationId());
        String search = Text.blankToNull(filter.search());
        if (search != null) {
            where.append(" and lower(name) like :q escape '\\'");
            params.and("q", Text.containsPattern(search));
        }
        equalsFilter(where, params, "category", filter.category());
        equalsFilter(where, params, "equipment", filter.equipment());
        equalsFilter(where, params, "difficulty", filter.difficulty());
        String muscle = key(filter.muscleGroup());
        if (muscle != null) {
            // A muscle group finds the exercises that train it first or as a helper.
            where.append(" and (muscleGroup = :muscle or concat(',', secondaryMuscles, ',') like :muscleListed)");
            params.and("muscle", muscle).and("muscleListed", "%," + muscle + ",%");
        }
        if (Boolean.TRUE.equals(filter.showCustom())) {
            where.append(" and organizationId is not null");
        }
        return Exercise.find(where + " order by lower(name), id", params);
    }

    public Optional<ExerciseView> find(Caller caller, long id) {
        return Exercise.findUsable(caller.organizationId(), id).map(ExerciseService::view);
    }

    /** The distinct values of one column across the library the caller sees, as the SPA's select options. */
    public List<ExerciseRequests.Option> options(Caller caller, String column) {
        String field = switch (column) {
            case "category" -> "category";
            case "muscle_group" -> "muscleGroup";
            case "equipment" -> "equipment";
            default -> throw new IllegalArgumentException(column);
        };
        return Exercise.<Exercise>getEntityManager()
                .createQuery("select distinct e." + field + " from Exercise e where (e.organizationId is null"
                        + " or e.organizationId = :org) and e.deletedAt is null and e." + field + " is not null"
                        + " order by 1", String.class)
                .setParameter("org", caller.organizationId())
                .getResultList().stream()
                .map(value -> new ExerciseRequests.Option(value, label(value)))
                .toList();
    }

    @Transactional
    public ExerciseView create(Caller caller, ExerciseRequests.Save request) {
        requireStaff(caller);
        if (Text.blankToNull(request.name()) == null) {
            throw ApiException.invalidField("name", "is required");
        }
        Exercise exercise = new Exercise();
        exercise.organizationId = caller.organizationId();
        exercise.createdBy = caller.userId();
        apply(exercise, request);
        save(exercise);
        activity.fire(ActivityEvent.of(caller, ActivityEvent.CREATE, "exercise", exercise.id)
                .withSubject(exercise.name, null));
        return view(exercise);
    }

    /** The organization's own exercises only; the shared library is read-only. */
    @Transactional
    public Optional<ExerciseView> update(Caller caller, long id, ExerciseRequests.Save request) {
        requireStaff(caller);
        Optional<Exercise> found = editable(caller, id);
        found.ifPresent(exercise -> {
            if (request.name() != null && Text.blankToNull(request.name()) == null) {
                throw ApiException.invalidField("name", "must not be empty");
            }
            apply(exercise, request);
            exercise.updatedAt = Instant.now();
            save(exercise);
            activity.fire(ActivityEvent.of(caller, ActivityEvent.UPDATE, "exercise", exercise.id)
                    .withSubject(exercise.name, null));
        });
        return found.map(ExerciseService::view);
    }

    @Transactional
    public boolean delete(Caller caller, long id) {
        requireStaff(caller);
        Optional<Exercise> found = editable(caller, id);
        found.ifPresent(exercise -> {
            exercise.deletedAt = Instant.now();
            exercise.updatedAt = exercise.deletedAt;
            activity.fire(ActivityEvent.of(caller, ActivityEvent.DELETE, "exercise", exercise.id)
                    .withSubject(exercise.name, null));
        });
        return found.isPresent();
    }

    /** The library ships with the service (a database migration), so there is never anything left to seed. */
    public ExerciseRequests.Seeded seed(Caller caller) {
        requireStaff(caller);
        long count = Exercise.count("organizationId is null and deletedAt is null");
        return new ExerciseRequests.Seeded("The exercise library is already installed", count);
    }

    private static Optional<Exercise> editable(Caller caller, long id) {
        Optional<Exercise> found = Exercise.findUsable(caller.organizationId(), id);
        if (found.isPresent() && !found.get().isCustom()) {
            throw ApiException.forbidden("The shared exercise library is read-only; add your own version instead");
        }
        return found;
    }

    /** exercises.secondary_muscles is VARCHAR(300) (V7), the names joined by commas. */
    static final int MAX_SECONDARY_MUSCLES_LENGTH = 300;

    private static void apply(Exercise e, ExerciseRequests.Save r) {
        if (r.name() != null) {
            e.name = r.name().trim();
        }
        if (r.category() != null) {
            e.category = key(r.category());
        }
        if (r.muscleGroup() != null) {
            e.muscleGroup = key(r.muscleGroup());
        }
        if (r.secondaryMuscles() != null) {
            List<String> muscles = r.secondaryMuscles().stream().map(ExerciseService::key)
                    .filter(m -> m != null).distinct().toList();
            String joined = String.join(",", muscles);
            if (joined.length() > MAX_SECONDARY_MUSCLES_LENGTH) {
                // Twenty names of 50 characters pass the request's limits but not the column (a 500 before).
                throw ApiException.invalidField("secondary_muscles", "must fit in " + MAX_SECONDARY_MUSCLES_LENGTH
                        + " characters together (names joined by commas)");
            }
            e.secondaryMuscles = muscles.isEmpty() ? null : joined;
        }
        if (r.equipment() != null) {
            e.equipment = key(r.equipment());
        }
        if (r.difficulty() != null) {
            String difficulty = key(r.difficulty());
            if (difficulty != null && !DIFFICULTIES.contains(difficulty)) {
                throw ApiException.invalidField("difficulty", "must be beginner, intermediate or advanced");
            }
            e.difficulty = difficulty;
        }
        if (r.description() != null) {
            e.description = Text.blankToNull(r.description());
        }
        if (r.instructions() != null) {
            e.instructions = Text.blankToNull(r.instructions());
        }
        if (r.tips() != null) {
            e.tips = Text.blankToNull(r.tips());
        }
        if (r.imageUrl() != null) {
            e.imageUrl = Text.blankToNull(r.imageUrl());
        }
        if (r.videoUrl() != null) {
            e.videoUrl = Text.blankToNull(r.videoUrl());
        }
    }

    private static void save(Exercise exercise) {
        try {
            exercise.persistAndFlush();
        } catch (PersistenceException e) {
            if (Causes.hasSqlState(e, UNIQUE_SQL_STATE)) {
                throw ApiException.conflict("exercise_exists", "Your library already has an exercise named \""
                        + exercise.name + "\"");
            }
            throw e;
        }
    }

    private static void equalsFilter(StringBuilder where, Parameters params, String field, String value) {
        String key = key(value);
        if (key != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            params.and(field, key);
        }
    }

    /** Free text as a stored key: "Upper Back" and "upper_back" are the same muscle. */
    static String key(String value) {
        String text = Text.blankToNull(value);
        return text == null ? null : text.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    static String label(String key) {
        String spaced = key.replace('_', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static void requireStaff(Caller caller) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot change the exercise library");
        }
    }

    static ExerciseView view(Exercise e) {
        List<String> secondary = e.secondaryMuscles == null ? List.of() : Arrays.asList(e.secondaryMuscles.split(","));
        return new ExerciseView(e.id, e.name, e.category, e.muscleGroup, secondary, e.equipment, e.difficulty,
                e.description, e.instructions, e.tips, e.imageUrl, e.videoUrl, e.isCustom(), e.createdBy,
                e.createdAt, e.updatedAt);
    }
}
