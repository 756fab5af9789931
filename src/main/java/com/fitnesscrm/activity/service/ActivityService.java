package com.fitnesscrm.activity.service;

import com.fitnesscrm.activity.api.ActivityFilter;
import com.fitnesscrm.activity.api.ActivityList;
import com.fitnesscrm.activity.api.ActivityStats;
import com.fitnesscrm.activity.api.ActivityView;
import com.fitnesscrm.activity.domain.ActivityLog;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.RequestOrigin;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.trainers.service.TrainerService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The activity feed. Rows are written by observing {@link ActivityEvent} synchronously, inside the transaction of
 * the change, so a rolled-back change leaves no row. Reads are scoped like the records themselves: admins see the
 * organization; a trainer their own actions and the activity around their trainer record and the clients they
 * train; a client their own actions and the activity around their client record.
 */
@ApplicationScoped
public class ActivityService {

    public static final int DEFAULT_LIMIT = 100;
    /** The SPA asks for 1000 when it means "all" (its CSV export); the old app silently stopped at 500. */
    public static final int MAX_LIMIT = 1000;

    /** activity_log.name and .email (V6). */
    private static final int NAME_LENGTH = 200;
    private static final int EMAIL_LENGTH = 254;

    private final RequestOrigin origin;
    private final TrainerService trainers;
    private final ClientService clients;
    private final EntityManager em;

    public ActivityService(RequestOrigin origin, TrainerService trainers, ClientService clients, EntityManager em) {
        this.origin = origin;
        this.trainers = trainers;
        this.clients = clients;
        this.em = em;
    }

    private static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length - 1) + "…";
    }

    @Transactional(Transactional.TxType.REQUIRED)
    void record(@Observes ActivityEvent event) {
        ActivityLog row = new ActivityLog();
        row.organizationId = event.organizationId();
        row.userId = event.userId();
        row.userIdentifier = event.userIdentifier();
        row.role = event.role();
        row.action = event.action();
        row.entityType = event.entityType();
        row.entityId = event.entityId();
        // The feed names what was touched; a long subject (a 255-character file name) is shortened to fit the
        // column rather than failing the action it records.
        row.name = clip(event.name(), NAME_LENGTH);
        row.email = clip(event.email(), EMAIL_LENGTH);
        row.trainerId = event.trainerId();
        row.clientId = event.clientId();
        row.details = event.details() == null ? Map.of() : event.details();
        row.ipAddress = origin.ip();
        row.userAgent = origin.userAgent();
        row.persist();
    }

    public ActivityList list(Caller caller, ActivityFilter filter) {
        Scope scope = scope(caller);
        StringBuilder where = new StringBuilder(scope.where());
        Map<String, Object> params = new HashMap<>(scope.params());
        String action = Text.blankToNull(filter.action());
        if (action != null) {
            where.append(" and a.action = :action");
            params.put("action", action.toLowerCase(Locale.ROOT));
        }
        String entityType = Text.blankToNull(filter.entityType());
        if (entityType != null) {
            where.append(" and a.entityType = :entityType");
            params.put("entityType", entityType.toLowerCase(Locale.ROOT));
        }
        if (filter.entityId() != null) {
            where.append(" and a.entityId = :entityId");
            params.put("entityId", filter.entityId());
        }
        return newest(caller, where.toString(), params, limit(filter.limit()));
    }

    public ActivityList recent(Caller caller, Integer limit) {
        Scope scope = scope(caller);
        return newest(caller, scope.where(), scope.params(), limit(limit));
    }

    /** Counted by the database (GROUP BY), never by loading rows: the feed grows without bound. */
    public ActivityStats stats(Caller caller) {
        Scope scope = scope(caller);
        TypedQuery<Long> total = em.createQuery("select count(a) from ActivityLog a where " + scope.where(),
                Long.class);
        scope.params().forEach(total::setParameter);
        List<ActivityStats.ActionCount> byAction = grouped(scope, "a.action").stream()
                .map(r -> new ActivityStats.ActionCount((String) r[0], ((Number) r[1]).longValue())).toList();
        List<ActivityStats.EntityTypeCount> byEntityType = grouped(scope, "a.entityType").stream()
                .map(r -> new ActivityStats.EntityTypeCount((String) r[0], ((Number) r[1]).longValue())).toList();
        return new ActivityStats(total.getSingleResult(), byAction, byEntityType);
    }

    private List<Object[]> grouped(Scope scope, String column) {
        TypedQuery<Object[]> query = em.createQuery("select " + column + ", count(a) from ActivityLog a where "
                + scope.where() + " group by " + column + " order by count(a) desc, " + column, Object[].class);
        scope.params().forEach(query::setParameter);
        return query.getResultList();
    }

    private ActivityList newest(Caller caller, String where, Map<String, Object> params, int limit) {
        TypedQuery<ActivityLog> query = em.createQuery("select a from ActivityLog a where " + where
                + " order by a.createdAt desc, a.id desc", ActivityLog.class);
        params.forEach(query::setParameter);
        List<ActivityView> rows = query.setMaxResults(limit).getResultList().stream()
                .map(row -> view(row, caller.isAdmin())).toList();
        return new ActivityList(rows.size(), rows);
    }

    private static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1) {
            throw ApiException.invalidField("limit", "must be 1 or more");
        }
        return Math.min(requested, MAX_LIMIT);
    }

    /** The rows the caller may read, as a JPQL condition on alias {@code a}. */
    private Scope scope(Caller caller) {
        long org = caller.organizationId();
        Map<String, Object> params = new HashMap<>();
        params.put("org", org);
        if (caller.isAdmin()) {
            return new Scope("a.organizationId = :org", params);
        }
        params.put("user", caller.userId());
        if (caller.isTrainer()) {
            long trainerId = trainers.trainerIdOfUser(org, caller.userId()).orElse(-1L);
            params.put("trainer", trainerId);
            // Client rows carry no trainer (a client may have several, and they change): a trainer reads them
            // while they train that client.
            List<Long> trained = clients.clientIdsOfTrainer(org, trainerId);
            if (trained.isEmpty()) {
                return new Scope("a.organizationId = :org and (a.userId = :user or a.trainerId = :trainer)", params);
            }
            params.put("clients", trained);
            // ...but not what concerns the client and another trainer (their sessions, their assignment).
            return new Scope("a.organizationId = :org and (a.userId = :user or a.trainerId = :trainer"
                    + " or (a.clientId in :clients and a.trainerId is null))", params);
        }
        params.put("client", clients.clientIdOfUser(org, caller.userId()).orElse(-1L));
        return new Scope("a.organizationId = :org and (a.userId = :user or a.clientId = :client)", params);
    }

    private record Scope(String where, Map<String, Object> params) {
    }

    /** Where the change came from is for admins only: other members' addresses and browsers are not theirs to see. */
    static ActivityView view(ActivityLog a, boolean admin) {
        Map<String, Object> details = a.details == null ? Map.of() : a.details;
        Object contact = details.get("contact");
        return new ActivityView(a.id, a.action, a.entityType, a.entityId, a.userIdentifier, a.name, a.email,
                contact instanceof String text ? text : null, a.role, details,
                admin ? a.ipAddress : null, admin ? a.userAgent : null, a.createdAt, a.createdAt);
    }
}
