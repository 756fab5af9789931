package com.fitnesscrm.common.cache;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names one cached view: which view, whose (organization and every part of the caller the result depends on:
 * role, user id, the client it is about) and which generations invalidate it. A view about one client depends on
 * that client's generation as well as the organization's, so logging a workout does not throw away the
 * organization's other dashboards.
 *
 * @param organizationId the tenant; its generation invalidates the view
 * @param clientId       the client whose own records (workouts, measurements, goals) the view shows; null when none
 * @param view           the view's name, e.g. {@code dashboard}
 * @param parts          everything else the result depends on, e.g. the caller's role and user id
 */
public record ReadModelKey(long organizationId, Long clientId, String view, String parts) {

    public ReadModelKey {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(parts, "parts");
    }

    public static ReadModelKey of(String view, long organizationId, Long clientId, Object... parts) {
        return new ReadModelKey(organizationId, clientId, view,
                Stream.of(parts).map(String::valueOf).collect(Collectors.joining(":")));
    }

    /** The prefix of the value key (with the view type's {@link ViewShape}); the script appends the generations. */
    String valuePrefix(String namespace, String shape) {
        return "rm:" + namespace + ":" + organizationId + ":v:" + view + "." + shape + ":" + parts + ":";
    }

    static String organizationGeneration(String namespace, long organizationId) {
        return "rm:" + namespace + ":" + organizationId + ":gen";
    }

    static String clientGeneration(String namespace, long organizationId, long clientId) {
        return "rm:" + namespace + ":" + organizationId + ":gen:client:" + clientId;
    }
}
