package com.fitnesscrm.goals.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.FieldError;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.goals.api.GoalRequests;
import com.fitnesscrm.goals.api.GoalResponses;
import com.fitnesscrm.goals.api.GoalView;
import com.fitnesscrm.goals.api.MilestoneView;
import com.fitnesscrm.goals.domain.Goal;
import com.fitnesscrm.goals.domain.GoalMilestone;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Clients' goals and their milestones. Whoever may see a client may read and change that client's goals: admins,
 * the client's trainers, and the client themself (a client sets their own goals in the portal). Another
 * organization's goal, or one of a client the caller may not see, is not found.
 */
@ApplicationScoped
public class GoalService {

    static final String COMPLETED = "completed";
    static final Set<String> STATUSES = Set.of("active", COMPLETED, "abandoned", "on_hold");
    static final Set<String> PRIORITIES = Set.of("low", "medium", "high");
    /** Common categories (any other word is accepted too). */
    static final Set<String> CATEGORIES = Set.of("weight_loss", "weight_gain", "muscle_gain", "strength",
            "endurance", "cardio", "flexibility", "mobility", "body_composition", "nutrition", "health", "wellness",
            "performance", "skill", "habit", "general_fitness", "other");
    /** numeric(12, 3) holds up to this; larger values are typing mistakes. */
    static final BigDecimal MAX_VALUE = new BigDecimal("999999999");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ClientService clients;
    private final OrganizationService organizations;
    private final Event<ActivityEvent> activity;

    public GoalService(ClientService clients, OrganizationService organizations,
                       Event<ActivityEvent> activity) {
        this.clients = clients;
        this.organizations = organizations;
        this.activity = activity;
    }

    /** Newest first; admins see the organization's goals, a trainer those of their clients, a client their own. */
    public List<GoalView> list(Caller caller, GoalRequests.Filter filter) {
        StringBuilder where = new StringBuilder("organizationId = :org");
        Parameters params = Parameters.with("org", caller.organizationId());
        ClientService.ClientScope scope = clients.listScope(caller, filter.clientId());
        if (scope.none()) {
            return List.of();
        }
        scope.restrict(where, params, "clientId");
        String status = choice("status", filter.status(), STATUSES);
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        String category = category(filter.category());
        if (category != null) {
            where.append(" and category = :category");
            params.and("category", category);
        }
        String priority = choice("priority", filter.priority(), PRIORITIES);
        if (priority != null) {
            where.append(" and priority = :priority");
            params.and("priority", priority);
        }
        return views(Goal.list(where + " order by createdAt desc, id desc", params));
    }

    public Optional<GoalView> find(Caller caller, long id) {
        return visible(caller, id).map(goal -> views(List.of(goal)).get(0));
    }

    /** The goal and its milestones are written together, or nothing is. */
    @Transactional
    public GoalView create(Caller caller, GoalRequests.Save request) {
        if (request.clientId() == null) {
            throw ApiException.invalidField("client_id", "is required");
        }
        if (!clients.canSee(caller, request.clientId())) {
            throw ApiException.notFound("Client");
        }
        List<FieldError> problems = new ArrayList<>();
        if (Text.blankToNull(request.title()) == null) {
            problems.add(new FieldError("title", "is required"));
        }
        List<GoalRequests.MilestoneSave> milestones = request.milestones() == null ? List.of() : request.milestones();
        for (int i = 0; i < milestones.size(); i++) {
            if (Text.blankToNull(milestones.get(i).title()) == null) {
                problems.add(new FieldError("milestones[" + i + "].title", "is required"));
            }
        }
        failIfAny(problems);
        ZoneId zone = organizations.zoneFor(caller);
        Goal goal = new Goal();
        goal.organizationId = caller.organizationId();
        goal.clientId = request.clientId();
        goal.createdBy = caller.userId();
        goal.startDate = LocalDate.now(zone);
        apply(goal, request, zone);
        goal.persist();
        for (int i = 0; i < milestones.size(); i++) {
            GoalMilestone milestone = new GoalMilestone();
            milestone.goalId = goal.id;
            applyMilestone(milestone, milestones.get(i), zone, "milestones[" + i + "].");
            milestone.persist();
        }
        activity.fire(event(caller, ActivityEvent.CREATE, goal));
        return views(List.of(goal)).get(0);
    }

    /**
     * Fields present are changed; the client stays. Milestones sent with an id of this goal are changed, those
     * without one added; none are removed here (the milestone endpoints do that), so a form that sends only some
     * of them loses nothing.
     */
    @Transactional
    public Optional<GoalView> update(Caller caller, long id, GoalRequests.Save request) {
        Optional<Goal> found = writable(caller, id);
        found.ifPresent(goal -> {
            if (request.title() != null && Text.blankToNull(request.title()) == null) {
                throw ApiException.invalidField("title", "must not be empty");
            }
            ZoneId zone = organizations.zoneFor(caller);
            Map<String, Object> before = recorded(goal);
            apply(goal, request, zone);
            List<GoalRequests.MilestoneSave> milestones = request.milestones() == null ? List.of()
                    : request.milestones();
            for (int i = 0; i < milestones.size(); i++) {
                GoalRequests.MilestoneSave sent = milestones.get(i);
                String prefix = "milestones[" + i + "].";
                GoalMilestone milestone;
                if (sent.id() == null) {
                    if (Text.blankToNull(sent.title()) == null) {
                        throw ApiException.invalidField(prefix + "title", "is required");
                    }
                    milestone = new GoalMilestone();
                    milestone.goalId = goal.id;
                } else {
                    milestone = GoalMilestone.findOfGoal(goal.id, sent.id())
                            .orElseThrow(() -> ApiException.invalidField(prefix + "id", "is not a milestone of this goal"));
                }
                applyMilestone(milestone, sent, zone, prefix);
                milestone.persist();
            }
            goal.updatedAt = Instant.now();
            activity.fire(event(caller, ActivityEvent.UPDATE, goal).withChangedFields(before, recorded(goal)));
        });
        return found.map(goal -> views(List.of(goal)).get(0));
    }

    @Transactional
    public boolean delete(Caller caller, long id) {
        Optional<Goal> found = writable(caller, id);
        found.ifPresent(goal -> {
            GoalMilestone.delete("goalId", goal.id);
            goal.delete();
            activity.fire(event(caller, ActivityEvent.DELETE, goal));
        });
        return found.isPresent();
    }

    /** The client's goals with their counts (one aggregate query); empty when the client is not visible. */
    public Optional<GoalResponses.Summary> summary(Caller caller, long clientId) {
        return counts(caller, clientId).map(counts -> new GoalResponses.Summary(counts.totalGoals(),
                counts.activeGoals(), counts.completedGoals(), counts.highPriority(),
                views(Goal.list("organizationId = ?1 and clientId = ?2 order by createdAt desc, id desc",
                        caller.organizationId(), clientId))));
    }

    /** Only the counts of the client's goals, in one aggregate query; empty when the client is not visible. */
    public Optional<GoalResponses.Counts> counts(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            return Optional.empty();
        }
        Object[] counts = Goal.getEntityManager().createQuery("select count(g),"
                        + " coalesce(sum(case when g.status = 'active' then 1 else 0 end), 0),"
                        + " coalesce(sum(case when g.status = 'completed' then 1 else 0 end), 0),"
                        + " coalesce(sum(case when g.priority = 'high' then 1 else 0 end), 0)"
                        + " from Goal g where g.organizationId = :org and g.clientId = :client", Object[].class)
                .setParameter("org", caller.organizationId())
                .setParameter("client", clientId)
                .getSingleResult();
        return Optional.of(new GoalResponses.Counts(number(counts[0]), number(counts[1]), number(counts[2]),
                number(counts[3])));
    }

    @Transactional
    public Optional<MilestoneView> addMilestone(Caller caller, long goalId, GoalRequests.MilestoneSave request) {
        Optional<Goal> found = writable(caller, goalId);
        return found.map(goal -> {
            if (Text.blankToNull(request.title()) == null) {
                throw ApiException.invalidField("title", "is required");
            }
            GoalMilestone milestone = new GoalMilestone();
            milestone.goalId = goal.id;
            applyMilestone(milestone, request, organizations.zoneFor(caller), "");
            milestone.persist();
            touch(caller, goal);
            return milestoneView(milestone);
        });
    }

    @Transactional
    public Optional<MilestoneView> updateMilestone(Caller caller, long goalId, long milestoneId,
                                                   GoalRequests.MilestoneSave request) {
        Optional<Goal> goal = writable(caller, goalId);
        Optional<GoalMilestone> found = goal.flatMap(g -> GoalMilestone.findOfGoal(g.id, milestoneId));
        return found.map(milestone -> {
            if (request.title() != null && Text.blankToNull(request.title()) == null) {
                throw ApiException.invalidField("title", "must not be empty");
            }
            applyMilestone(milestone, request, organizations.zoneFor(caller), "");
            milestone.updatedAt = Instant.now();
            touch(caller, goal.get());
            return milestoneView(milestone);
        });
    }

    @Transactional
    public boolean deleteMilestone(Caller caller, long goalId, long milestoneId) {
        Optional<Goal> goal = writable(caller, goalId);
        Optional<GoalMilestone> found = goal.flatMap(g -> GoalMilestone.findOfGoal(g.id, milestoneId));
        found.ifPresent(milestone -> {
            milestone.delete();
            touch(caller, goal.get());
        });
        return found.isPresent();
    }

    private Optional<Goal> visible(Caller caller, long id) {
        return Goal.findInOrganization(caller.organizationId(), id).filter(goal -> clients.canSee(caller, goal.clientId));
    }

    /** A goal the caller may see, locked for a write to it or its milestones. */
    private Optional<Goal> writable(Caller caller, long id) {
        return Goal.findInOrganizationForUpdate(caller.organizationId(), id)
                .filter(goal -> clients.canSee(caller, goal.clientId));
    }


    /** A milestone change is a change to its goal, in the feed. */
    private void touch(Caller caller, Goal goal) {
        goal.updatedAt = Instant.now();
        activity.fire(event(caller, ActivityEvent.UPDATE, goal).withDetails(Map.of("fields", List.of("milestones"))));
    }

    private static void apply(Goal goal, GoalRequests.Save r, ZoneId zone) {
        if (r.title() != null) {
            goal.title = r.title().trim();
        }
        if (r.description() != null) {
            goal.description = Text.blankToNull(r.description());
        }
        if (r.category() != null) {
            String category = category(r.category());
            goal.category = category == null ? "other" : category;
        }
        if (r.targetValue() != null) {
            goal.targetValue = amount("target_value", r.targetValue());
        }
        if (r.targetUnit() != null) {
            goal.targetUnit = Text.blankToNull(r.targetUnit());
        }
        if (r.currentValue() != null) {
            goal.currentValue = amount("current_value", r.currentValue());
        }
        if (r.startDate() != null) {
            goal.startDate = date("start_date", r.startDate(), zone);
        }
        if (r.targetDate() != null) {
            goal.targetDate = date("target_date", r.targetDate(), zone);
        }
        if (r.priority() != null) {
            String priority = choice("priority", r.priority(), PRIORITIES);
            goal.priority = priority == null ? "medium" : priority;
        }
        if (r.status() != null) {
            String status = choice("status", r.status(), STATUSES);
            setStatus(goal, status == null ? "active" : status);
        }
        if (r.notes() != null) {
            goal.notes = Text.blankToNull(r.notes());
        }
    }

    /** Becoming completed stamps the date; leaving completed clears it; staying completed keeps the first stamp. */
    static void setStatus(Goal goal, String status) {
        if (COMPLETED.equals(status) && (!COMPLETED.equals(goal.status) || goal.completedDate == null)) {
            goal.completedDate = now();
        } else if (!COMPLETED.equals(status)) {
            goal.completedDate = null;
        }
        goal.status = status;
    }

    private static void applyMilestone(GoalMilestone m, GoalRequests.MilestoneSave r, ZoneId zone, String prefix) {
        if (r.title() != null && Text.blankToNull(r.title()) != null) {
            m.title = r.title().trim();
        }
        if (r.description() != null) {
            m.description = Text.blankToNull(r.description());
        }
        if (r.targetValue() != null) {
            m.targetValue = amount(prefix + "target_value", r.targetValue());
        }
        if (r.targetDate() != null) {
            m.targetDate = date(prefix + "target_date", r.targetDate(), zone);
        }
        if (r.completed() != null) {
            if (r.completed() && !m.completed) {
                m.completedDate = now();
            } else if (!r.completed()) {
                m.completedDate = null;
            }
            m.completed = r.completed();
        }
    }

    /** "On hold", "on-hold" and "ON_HOLD" are the same value; "" means no value; anything else unknown is a 400. */
    /**
     * A goal's category as a lowercase key. The SPA's select offers its own list, which the contract does not
     * give, so any short word is taken (spaces and dashes become underscores) rather than refused; the common ones
     * are listed in {@link #CATEGORIES} for the documentation.
     */
    /** goals.category is VARCHAR(40) (V9): a longer key failed at the insert. */
    static final int MAX_CATEGORY_LENGTH = 40;

    static String category(String value) {
        String text = Text.blankToNull(value);
        if (text == null) {
            return null;
        }
        String key = text.toLowerCase(Locale.ROOT).trim().replaceAll("[\\s-]+", "_");
        if (!key.matches("[a-z0-9_]{1," + MAX_CATEGORY_LENGTH + "}")) {
            throw ApiException.invalidField("category", "must be a word of letters, digits and underscores, at most "
                    + MAX_CATEGORY_LENGTH + " characters (e.g. " + String.join(", ", CATEGORIES.stream().sorted().limit(4).toList()) + ")");
        }
        return key;
    }

    static String choice(String field, String value, Set<String> allowed) {
        String text = Text.blankToNull(value);
        if (text == null) {
            return null;
        }
        String key = text.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        if (!allowed.contains(key)) {
            throw ApiException.invalidField(field, "must be one of " + allowed.stream().sorted()
                    .collect(Collectors.joining(", ")));
        }
        return key;
    }

    private static BigDecimal amount(String field, Double value) {
        if (value.isNaN() || value.isInfinite()) {
            throw ApiException.invalidField(field, "must be a number");
        }
        BigDecimal amount = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
        if (amount.signum() < 0) {
            throw ApiException.invalidField(field, "must not be negative");
        }
        if (amount.compareTo(MAX_VALUE) > 0) {
            throw ApiException.invalidField(field, "must be at most " + MAX_VALUE.toPlainString());
        }
        return amount;
    }

    /** A calendar date in the caller's zone, from any form the SPA sends; "" clears it. */
    private static LocalDate date(String field, String value, ZoneId zone) {
        Instant instant = FlexibleDateTime.parse(field, value, zone);
        return instant == null ? null : instant.atZone(zone).toLocalDate();
    }

    /** current ÷ target × 100 with one decimal, kept between 0 and 100; no (or a zero) target, no progress. */
    static Double progress(BigDecimal current, BigDecimal target) {
        if (target == null || target.signum() == 0 || current == null) {
            return null;
        }
        BigDecimal percent = current.multiply(HUNDRED).divide(target, 1, RoundingMode.HALF_UP);
        return percent.max(BigDecimal.ZERO).min(HUNDRED).doubleValue();
    }

    /** At the database's precision (microseconds), so the answer to a write equals every later read. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static void failIfAny(List<FieldError> problems) {
        ApiException.failIfAny(problems);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Goals with their milestones: one query for the milestones of all of them (no N+1). */
    private static List<GoalView> views(List<Goal> goals) {
        Map<Long, List<MilestoneView>> milestones = GoalMilestone.ofGoals(goals.stream().map(g -> g.id).toList())
                .stream().map(GoalService::milestoneView)
                .collect(Collectors.groupingBy(MilestoneView::goalId));
        return goals.stream().map(g -> view(g, milestones.getOrDefault(g.id, List.of()))).toList();
    }

    private static GoalView view(Goal g, List<MilestoneView> milestones) {
        return new GoalView(g.id, g.clientId, g.title, g.description, g.category, decimal(g.targetValue),
                g.targetUnit, decimal(g.currentValue), progress(g.currentValue, g.targetValue), g.startDate,
                g.targetDate, g.completedDate, g.status, g.priority, g.notes, g.createdBy, milestones, g.createdAt,
                g.updatedAt);
    }

    private static MilestoneView milestoneView(GoalMilestone m) {
        return new MilestoneView(m.id, m.goalId, m.title, m.description, decimal(m.targetValue), m.targetDate,
                m.completed, m.completedDate, m.createdAt, m.updatedAt);
    }

    private static Double decimal(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private static ActivityEvent event(Caller caller, String action, Goal goal) {
        return ActivityEvent.of(caller, action, "goal", goal.id).withSubject(goal.title, null)
                .withOwners(null, goal.clientId);
    }

    /** The fields an update may change, by their API names; the feed names what changed, never the values. */
    private static Map<String, Object> recorded(Goal g) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("title", g.title);
        fields.put("description", g.description);
        fields.put("category", g.category);
        fields.put("target_value", g.targetValue);
        fields.put("target_unit", g.targetUnit);
        fields.put("current_value", g.currentValue);
        fields.put("start_date", g.startDate);
        fields.put("target_date", g.targetDate);
        fields.put("status", g.status);
        fields.put("priority", g.priority);
        fields.put("notes", g.notes);
        return fields;
    }
}
