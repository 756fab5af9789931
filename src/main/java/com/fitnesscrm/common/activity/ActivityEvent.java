package com.fitnesscrm.common.activity;

import com.fitnesscrm.common.security.Caller;

import java.util.Map;

/**
 * "Who did what to which record", fired by a feature's service inside the transaction that made the change, so
 * the activity feed holds a row exactly when the change was committed. {@code trainerId} and {@code clientId} name
 * the trainer and client the record belongs to, which decides who else may read the row (a trainer sees the
 * activity around their clients, a client the activity around themself).
 */
public record ActivityEvent(long organizationId, Long userId, String userIdentifier, String role, String action,
                            String entityType, Long entityId, String name, String email, Long trainerId,
                            Long clientId, Map<String, Object> details) {

    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";

    /** An action of the caller on one record; refine it with the {@code with…} methods. */
    public static ActivityEvent of(Caller caller, String action, String entityType, Long entityId) {
        return new ActivityEvent(caller.organizationId(), caller.userId(), caller.email(),
                caller.role() == null ? null : caller.role().value(), action, entityType, entityId,
                null, null, null, null, Map.of());
    }

    /** The record's display name and email (a client's or trainer's), shown in the feed and its CSV export. */
    public ActivityEvent withSubject(String name, String email) {
        return new ActivityEvent(organizationId, userId, userIdentifier, role, action, entityType, entityId, name,
                email, trainerId, clientId, details);
    }

    public ActivityEvent withOwners(Long trainerId, Long clientId) {
        return new ActivityEvent(organizationId, userId, userIdentifier, role, action, entityType, entityId, name,
                email, trainerId, clientId, details);
    }

    /**
     * An update's details: the names of the fields whose values differ between two snapshots (never the values,
     * which may be medical or personal).
     */
    public ActivityEvent withChangedFields(Map<String, Object> before, Map<String, Object> after) {
        return withDetails(Map.of("fields", after.keySet().stream()
                .filter(key -> !java.util.Objects.equals(before.get(key), after.get(key))).toList()));
    }

    public ActivityEvent withDetails(Map<String, Object> details) {
        return new ActivityEvent(organizationId, userId, userIdentifier, role, action, entityType, entityId, name,
                email, trainerId, clientId, details == null ? Map.of() : details);
    }
}
