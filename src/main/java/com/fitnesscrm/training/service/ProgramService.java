package com.fitnesscrm.training.service;

import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.training.api.ProgramRequests;
import com.fitnesscrm.training.api.WorkoutTemplateView;
import com.fitnesscrm.training.domain.ProgramDay;
import com.fitnesscrm.training.domain.WorkoutProgram;
import com.fitnesscrm.training.domain.WorkoutTemplate;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Programs: workout templates scheduled over weeks as days 1..7×weeks (days without a workout are rest days).
 * Visibility follows the templates': public or the creator's own for trainers, everything for admins, and for a
 * client only the programs assigned to them. Admins and trainers write.
 */
@ApplicationScoped
public class ProgramService {

    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_WEEKS = 52;
    static final String ASSIGNED = "exists (select 1 from ProgramAssignment a where a.programId = t.id"
            + " and a.clientId = :client)";

    private final TrainingScope scope;
    private final Event<ActivityEvent> activity;

    public ProgramService(TrainingScope scope, Event<ActivityEvent> activity) {
        this.scope = scope;
        this.activity = activity;
    }

    public ProgramRequests.Page list(Caller caller, String search, PageRequest paging) {
        TrainingScope.Condition readable = scope.readable(caller, "t", ASSIGNED);
        StringBuilder where = new StringBuilder(readable.where());
        Parameters params = readable.params();
        String term = Text.blankToNull(search);
        if (term != null) {
            where.append(" and lower(t.name) like :q escape '\\'");
            params.and("q", Text.containsPattern(term));
        }
        PanacheQuery<WorkoutProgram> query = WorkoutProgram.find("from WorkoutProgram t where " + where
                + " order by t.createdAt desc, t.id desc", params);
        long total = query.count();
        List<WorkoutProgram> page = query.range(paging.offset(), paging.offset() + paging.perPage() - 1).list();
        return new ProgramRequests.Page(views(page), total, paging.pages(total), paging.page());
    }

    public Optional<ProgramRequests.View> find(Caller caller, long id) {
        return readable(caller, id).map(p -> views(List.of(p)).get(0));
    }

    @Transactional
    public ProgramRequests.Saved create(Caller caller, ProgramRequests.Save request) {
        TrainingScope.requireStaff(caller, "write programs");
        Problems problems = new Problems();
        if (Text.blankToNull(request.name()) == null) {
            problems.add("name", "is required");
        }
        if (request.durationWeeks() == null) {
            problems.add("duration_weeks", "is required");
        }
        problems.throwIfAny();
        WorkoutProgram program = new WorkoutProgram();
        program.organizationId = caller.organizationId();
        program.createdBy = caller.userId();
        apply(program, request);
        List<ProgramDay> days = days(caller, program.durationWeeks, request.days() == null ? List.of() : request.days());
        program.persist();
        saveDays(program.id, days);
        activity.fire(ActivityEvent.of(caller, ActivityEvent.CREATE, "workout_program", program.id)
                .withSubject(program.name, null));
        return new ProgramRequests.Saved("Program created successfully", views(List.of(program)).get(0));
    }

    @Transactional
    public Optional<ProgramRequests.Saved> update(Caller caller, long id, ProgramRequests.Save request) {
        TrainingScope.requireStaff(caller, "write programs");
        Optional<WorkoutProgram> found = editable(caller, id);
        found.ifPresent(program -> {
            if (request.name() != null && Text.blankToNull(request.name()) == null) {
                throw ApiException.invalidField("name", "must not be empty");
            }
            apply(program, request);
            if (request.days() != null) {
                List<ProgramDay> days = days(caller, program.durationWeeks, request.days());
                ProgramDay.delete("programId", program.id);
                ProgramDay.flush();
                saveDays(program.id, days);
            } else if (ProgramDay.count("programId = ?1 and dayNumber > ?2", program.id, program.durationWeeks * 7) > 0) {
                throw ApiException.invalidField("duration_weeks", "leaves scheduled days beyond the program's end");
            }
            program.updatedAt = Instant.now();
            activity.fire(ActivityEvent.of(caller, ActivityEvent.UPDATE, "workout_program", program.id)
                    .withSubject(program.name, null));
        });
        return found.map(p -> new ProgramRequests.Saved("Program updated successfully", views(List.of(p)).get(0)));
    }

    /** Clients who were given the program keep their copies and schedule: those no longer depend on it. */
    @Transactional
    public boolean delete(Caller caller, long id) {
        TrainingScope.requireStaff(caller, "delete programs");
        Optional<WorkoutProgram> found = editable(caller, id);
        found.ifPresent(program -> {
            program.deletedAt = Instant.now();
            program.updatedAt = program.deletedAt;
            activity.fire(ActivityEvent.of(caller, ActivityEvent.DELETE, "workout_program", program.id)
                    .withSubject(program.name, null));
        });
        return found.isPresent();
    }

    // ---- used by the assignment service ----

    Optional<WorkoutProgram> readable(Caller caller, long id) {
        TrainingScope.Condition readable = scope.readable(caller, "t", ASSIGNED);
        return WorkoutProgram.find("from WorkoutProgram t where t.id = :id and " + readable.where(),
                readable.params().and("id", id)).firstResultOptional();
    }

    static List<ProgramDay> daysOf(long programId) {
        return ProgramDay.list("programId = ?1 order by dayNumber", programId);
    }

    private Optional<WorkoutProgram> editable(Caller caller, long id) {
        Optional<WorkoutProgram> found = readable(caller, id);
        if (found.isPresent() && !caller.isAdmin() && !java.util.Objects.equals(found.get().createdBy, caller.userId())) {
            throw ApiException.forbidden("Only its creator and admins can change a program");
        }
        // Writes to one program queue behind its row lock: two replacements of its days collided on
        // (program_id, day_number) (a 500), and a write after a concurrent delete finds it gone.
        return found.map(program -> {
            Panache.getEntityManager().refresh(program, LockModeType.PESSIMISTIC_WRITE);
            return program;
        }).filter(program -> program.deletedAt == null);
    }

    /** Checks the days as sent: within the program, one workout a day, templates the caller may use. */
    private List<ProgramDay> days(Caller caller, int weeks, List<ProgramRequests.DayLine> lines) {
        Problems problems = new Problems();
        Set<Long> wanted = lines.stream().filter(l -> l != null && l.workoutTemplateId() != null)
                .map(ProgramRequests.DayLine::workoutTemplateId).collect(Collectors.toSet());
        Set<Long> usable = usableTemplates(caller, wanted);
        Set<Integer> seen = new HashSet<>();
        List<ProgramDay> days = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ProgramRequests.DayLine line = lines.get(i);
            String at = "days[" + i + "].";
            if (line == null) {
                problems.add("days[" + i + "]", "must be an object");
                continue;
            }
            if (line.day() == null) {
                problems.add(at + "day", "is required");
            } else if (line.day() < 1 || line.day() > weeks * 7) {
                problems.add(at + "day", "must be between 1 and " + (weeks * 7) + " (7 × duration_weeks)");
            } else if (!seen.add(line.day())) {
                problems.add(at + "day", "is listed twice");
            }
            if (line.workoutTemplateId() == null) {
                problems.add(at + "workout_template_id", "is required");
            } else if (!usable.contains(line.workoutTemplateId())) {
                problems.add(at + "workout_template_id", "is not a workout template you can use");
            }
            ProgramDay day = new ProgramDay();
            day.dayNumber = line.day() == null ? 0 : line.day();
            day.workoutTemplateId = line.workoutTemplateId();
            days.add(day);
        }
        problems.throwIfAny();
        return days;
    }

    private Set<Long> usableTemplates(Caller caller, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        TrainingScope.Condition readable = scope.readable(caller, "t", WorkoutTemplateService.ASSIGNED);
        return WorkoutTemplate.<WorkoutTemplate>find("from WorkoutTemplate t where t.id in :ids and "
                        + readable.where(), readable.params().and("ids", ids)).stream()
                .map(t -> t.id).collect(Collectors.toSet());
    }

    private static void saveDays(long programId, List<ProgramDay> days) {
        for (ProgramDay day : days) {
            day.programId = programId;
            day.persist();
        }
    }

    private static void apply(WorkoutProgram p, ProgramRequests.Save r) {
        Problems problems = new Problems();
        problems.range("duration_weeks", r.durationWeeks(), 1, MAX_WEEKS);
        problems.throwIfAny();
        if (r.name() != null) {
            p.name = r.name().trim();
        }
        if (r.description() != null) {
            p.description = Text.blankToNull(r.description());
        }
        if (r.durationWeeks() != null) {
            p.durationWeeks = r.durationWeeks();
        }
        if (r.isPublic() != null) {
            p.isPublic = r.isPublic();
        }
    }

    /** Programs with their days and the days' templates: one query per kind. */
    private static List<ProgramRequests.View> views(List<WorkoutProgram> programs) {
        if (programs.isEmpty()) {
            return List.of();
        }
        List<ProgramDay> days = ProgramDay.list("programId in ?1 order by programId, dayNumber",
                programs.stream().map(p -> p.id).toList());
        Map<Long, WorkoutTemplateView> templates = WorkoutTemplateService.summaries(
                days.stream().map(d -> d.workoutTemplateId).toList());
        Map<Long, List<ProgramDay>> byProgram = days.stream().collect(Collectors.groupingBy(d -> d.programId));
        return programs.stream().map(p -> {
            List<ProgramRequests.DayView> dayViews = byProgram.getOrDefault(p.id, List.of()).stream()
                    .map(d -> new ProgramRequests.DayView(d.dayNumber, (d.dayNumber - 1) / 7 + 1,
                            (d.dayNumber - 1) % 7 + 1, d.workoutTemplateId, templates.get(d.workoutTemplateId)))
                    .toList();
            return new ProgramRequests.View(p.id, p.name, p.description, p.durationWeeks, p.isPublic, p.createdBy,
                    dayViews.size(), p.durationWeeks * 7 - dayViews.size(), p.createdAt, p.updatedAt, dayViews);
        }).toList();
    }
}
