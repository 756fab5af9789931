package com.fitnesscrm.training.service;

import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.training.api.ExerciseRequests;
import com.fitnesscrm.training.api.WorkoutExerciseView;
import com.fitnesscrm.training.api.WorkoutTemplateRequests;
import com.fitnesscrm.training.api.WorkoutTemplateView;
import com.fitnesscrm.training.domain.ClientWorkout;
import com.fitnesscrm.training.domain.TemplateExercise;
import com.fitnesscrm.training.domain.WorkoutTemplate;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Workout templates: ordered exercises with sets, reps or time, load, rest, tempo and notes. Public templates are
 * the organization's, private ones belong to their creator (admins see and edit every one). Admins and trainers
 * write; a client reads only the templates assigned to them.
 */
@ApplicationScoped
public class WorkoutTemplateService {

    static final int DEFAULT_PER_PAGE = 50;
    static final Set<String> DIFFICULTIES = Set.of("beginner", "intermediate", "advanced");
    /** The categories the SPA offers, before those an organization has made up itself. */
    static final List<String> CATEGORIES = List.of("strength", "cardio", "hiit", "flexibility", "mobility",
            "endurance", "power", "core", "full_body", "upper_body", "lower_body", "rehabilitation", "sports",
            "yoga", "pilates");
    static final String ASSIGNED = "exists (select 1 from ClientWorkout w where w.workoutTemplateId = t.id"
            + " and w.clientId = :client)";

    private final TrainingScope scope;
    private final Event<ActivityEvent> activity;

    public WorkoutTemplateService(TrainingScope scope, Event<ActivityEvent> activity) {
        this.scope = scope;
        this.activity = activity;
    }

    /**
     * Newest first. {@code user_id}: public templates plus that user's own (the admin's view); {@code created_by}:
     * one trainer's (their trainer id, or a user id), plus the public ones when {@code show_public=true}; without
     * an owner, {@code show_public} true/false keeps only public/private ones. Always within what the caller reads.
     */
    public WorkoutTemplateRequests.Page list(Caller caller, WorkoutTemplateRequests.Filter filter, PageRequest paging) {
        TrainingScope.Condition readable = scope.readable(caller, "t", ASSIGNED);
        StringBuilder where = new StringBuilder(readable.where());
        Parameters params = readable.params();
        if (filter.userId() != null) {
            where.append(" and (t.isPublic = true or t.createdBy = :owner)");
            params.and("owner", filter.userId());
        } else if (filter.createdBy() != null) {
            long owner = scope.userOfTrainer(caller.organizationId(), filter.createdBy()).orElse(filter.createdBy());
            where.append(Boolean.TRUE.equals(filter.showPublic()) ? " and (t.isPublic = true or t.createdBy = :owner)"
                    : " and t.createdBy = :owner");
            params.and("owner", owner);
        } else if (filter.showPublic() != null) {
            where.append(" and t.isPublic = :public");
            params.and("public", filter.showPublic());
        }
        String category = ExerciseService.key(filter.category());
        if (category != null) {
            where.append(" and t.category = :category");
            params.and("category", category);
        }
        String search = Text.blankToNull(filter.search());
        if (search != null) {
            where.append(" and (lower(t.name) like :q escape '\\' or lower(t.description) like :q escape '\\')");
            params.and("q", Text.containsPattern(search));
        }
        PanacheQuery<WorkoutTemplate> query = WorkoutTemplate.find("from WorkoutTemplate t where " + where
                + " order by t.createdAt desc, t.id desc", params);
        long total = query.count();
        List<WorkoutTemplate> page = query.range(paging.offset(), paging.offset() + paging.perPage() - 1).list();
        Map<Long, Integer> counts = exerciseCounts(page.stream().map(t -> t.id).toList());
        return new WorkoutTemplateRequests.Page(page.stream().map(t -> view(t, counts.getOrDefault(t.id, 0), null))
                .toList(), total, paging.pages(total), paging.page());
    }

    public Optional<WorkoutTemplateView> find(Caller caller, long id) {
        return readable(caller, id).map(WorkoutTemplateService::detail);
    }

    @Transactional
    public WorkoutTemplateRequests.Saved create(Caller caller, WorkoutTemplateRequests.Save request) {
        TrainingScope.requireStaff(caller, "write workout templates");
        if (Text.blankToNull(request.name()) == null) {
            throw ApiException.invalidField("name", "is required");
        }
        WorkoutTemplate template = new WorkoutTemplate();
        template.organizationId = caller.organizationId();
        template.createdBy = caller.userId();
        apply(template, request);
        List<TemplateExercise> rows = request.exercises() == null ? List.of()
                : Prescriptions.rows(caller.organizationId(), "exercises", request.exercises(), TemplateExercise::new);
        template.persist();
        saveRows(template.id, rows);
        activity.fire(ActivityEvent.of(caller, ActivityEvent.CREATE, "workout_template", template.id)
                .withSubject(template.name, null));
        return new WorkoutTemplateRequests.Saved("Workout template created successfully", detail(template));
    }

    /** Admins change any template, a trainer their own (another's public one is read-only: 403). */
    @Transactional
    public Optional<WorkoutTemplateRequests.Saved> update(Caller caller, long id, WorkoutTemplateRequests.Save request) {
        TrainingScope.requireStaff(caller, "write workout templates");
        Optional<WorkoutTemplate> found = editable(caller, id);
        found.ifPresent(template -> {
            if (request.name() != null && Text.blankToNull(request.name()) == null) {
                throw ApiException.invalidField("name", "must not be empty");
            }
            apply(template, request);
            if (request.exercises() != null) {
                List<TemplateExercise> rows = Prescriptions.rows(caller.organizationId(), "exercises",
                        request.exercises(), TemplateExercise::new);
                TemplateExercise.delete("workoutTemplateId", template.id);
                saveRows(template.id, rows);
            }
            template.updatedAt = Instant.now();
            activity.fire(ActivityEvent.of(caller, ActivityEvent.UPDATE, "workout_template", template.id)
                    .withSubject(template.name, null));
        });
        return found.map(t -> new WorkoutTemplateRequests.Saved("Workout template updated successfully", detail(t)));
    }

    /** Refused (400) while active assignments or live programs use it; clients' copies stay intact either way. */
    @Transactional
    public boolean delete(Caller caller, long id) {
        TrainingScope.requireStaff(caller, "delete workout templates");
        Optional<WorkoutTemplate> found = editable(caller, id);
        found.ifPresent(template -> {
            if (ClientWorkout.count("workoutTemplateId = ?1 and status = 'active'", template.id) > 0) {
                throw ApiException.badRequest("template_in_use",
                        "Cannot delete a template with active client assignments");
            }
            long programs = Panache.getEntityManager().createQuery("select count(d) from ProgramDay d, WorkoutProgram p"
                            + " where d.programId = p.id and p.deletedAt is null and d.workoutTemplateId = :id", Long.class)
                    .setParameter("id", template.id).getSingleResult();
            if (programs > 0) {
                throw ApiException.badRequest("template_in_use", "Cannot delete a template used by a program");
            }
            template.deletedAt = Instant.now();
            template.updatedAt = template.deletedAt;
            activity.fire(ActivityEvent.of(caller, ActivityEvent.DELETE, "workout_template", template.id)
                    .withSubject(template.name, null));
        });
        return found.isPresent();
    }

    /** The SPA's categories, then any others the caller's templates use. */
    public List<ExerciseRequests.Option> categories(Caller caller) {
        TrainingScope.Condition readable = scope.readable(caller, "t", ASSIGNED);
        jakarta.persistence.TypedQuery<String> query = Panache.getEntityManager().createQuery(
                "select distinct t.category from WorkoutTemplate t where " + readable.where()
                        + " and t.category is not null order by 1", String.class);
        readable.params().map().forEach(query::setParameter);
        List<String> used = query.getResultList();
        Map<String, ExerciseRequests.Option> options = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> options.put(c, option(c)));
        used.forEach(c -> options.putIfAbsent(c, option(c)));
        return List.copyOf(options.values());
    }

    private static ExerciseRequests.Option option(String key) {
        return "hiit".equals(key) ? new ExerciseRequests.Option(key, "HIIT")
                : new ExerciseRequests.Option(key, ExerciseService.label(key));
    }

    // ---- used by the other training services ----

    /** A template the caller may read, or empty (404). */
    Optional<WorkoutTemplate> readable(Caller caller, long id) {
        TrainingScope.Condition readable = scope.readable(caller, "t", ASSIGNED);
        return WorkoutTemplate.find("from WorkoutTemplate t where t.id = :id and " + readable.where(),
                readable.params().and("id", id)).firstResultOptional();
    }

    /** A template's name, deleted ones included (a log keeps naming what it was done against); only the name is read. */
    Optional<String> name(long id) {
        return Panache.getEntityManager().createQuery("select t.name from WorkoutTemplate t where t.id = ?1", String.class)
                .setParameter(1, id).getResultStream().findFirst();
    }

    /** Templates by id without their exercises (deleted ones included: old copies still name them), one query each. */
    static Map<Long, WorkoutTemplateView> summaries(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Set<Long> distinct = Set.copyOf(ids);
        Map<Long, Integer> counts = exerciseCounts(distinct);
        return WorkoutTemplate.<WorkoutTemplate>list("id in ?1", distinct).stream()
                .collect(Collectors.toMap(t -> t.id, t -> view(t, counts.getOrDefault(t.id, 0), null)));
    }

    static WorkoutTemplateView detail(WorkoutTemplate template) {
        List<TemplateExercise> rows = TemplateExercise.list("workoutTemplateId = ?1 order by position, id", template.id);
        List<WorkoutExerciseView> exercises = Prescriptions.templateViews(rows);
        return view(template, exercises.size(), exercises);
    }

    private Optional<WorkoutTemplate> editable(Caller caller, long id) {
        Optional<WorkoutTemplate> found = readable(caller, id);
        if (found.isPresent() && !caller.isAdmin() && !java.util.Objects.equals(found.get().createdBy, caller.userId())) {
            throw ApiException.forbidden("Only its creator and admins can change a template");
        }
        // Writes to one template queue behind its row lock: two replacements of the exercise list must not
        // interleave (the list became a mix of both), and a write after a concurrent delete finds it gone.
        return found.map(WorkoutTemplateService::locked).filter(t -> t.deletedAt == null);
    }

    /** Re-reads the template under a row lock held until the transaction ends. */
    static WorkoutTemplate locked(WorkoutTemplate template) {
        Panache.getEntityManager().refresh(template, LockModeType.PESSIMISTIC_WRITE);
        return template;
    }

    private static void saveRows(long templateId, List<TemplateExercise> rows) {
        for (TemplateExercise row : rows) {
            row.workoutTemplateId = templateId;
            row.persist();
        }
    }

    private static Map<Long, Integer> exerciseCounts(Collection<Long> templateIds) {
        if (templateIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Integer> counts = new HashMap<>();
        Panache.getEntityManager().createQuery("select e.workoutTemplateId, count(e) from TemplateExercise e"
                        + " where e.workoutTemplateId in :ids group by e.workoutTemplateId", Object[].class)
                .setParameter("ids", templateIds).getResultList()
                .forEach(r -> counts.put((Long) r[0], ((Number) r[1]).intValue()));
        return counts;
    }

    private static void apply(WorkoutTemplate t, WorkoutTemplateRequests.Save r) {
        Problems problems = new Problems();
        problems.range("duration_minutes", r.durationMinutes(), 0, 1440);
        problems.range("duration_weeks", r.durationWeeks(), 1, 104);
        String difficulty = r.difficulty() != null ? r.difficulty() : r.difficultyLevel();
        String level = ExerciseService.key(difficulty);
        if (level != null && !DIFFICULTIES.contains(level)) {
            problems.add(r.difficulty() != null ? "difficulty" : "difficulty_level",
                    "must be beginner, intermediate or advanced");
        }
        problems.throwIfAny();
        if (r.name() != null) {
            t.name = r.name().trim();
        }
        if (r.description() != null) {
            t.description = Text.blankToNull(r.description());
        }
        if (r.category() != null) {
            t.category = ExerciseService.key(r.category());
        }
        if (difficulty != null) {
            t.difficulty = level;
        }
        if (r.durationMinutes() != null) {
            t.durationMinutes = r.durationMinutes();
        }
        if (r.durationWeeks() != null) {
            t.durationWeeks = r.durationWeeks();
        }
        if (r.imageUrl() != null) {
            t.imageUrl = Text.blankToNull(r.imageUrl());
        }
        if (r.videoUrl() != null) {
            t.videoUrl = Text.blankToNull(r.videoUrl());
        }
        if (r.isPublic() != null) {
            t.isPublic = r.isPublic();
        }
    }

    static WorkoutTemplateView view(WorkoutTemplate t, int exerciseCount, List<WorkoutExerciseView> exercises) {
        return new WorkoutTemplateView(t.id, t.name, t.description, t.category, t.difficulty, t.difficulty,
                t.durationMinutes, t.durationWeeks, t.imageUrl, t.videoUrl, t.createdBy, t.isPublic, exerciseCount,
                t.createdAt, t.updatedAt, exercises);
    }
}
