package com.fitnesscrm.common.persistence;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers a lookup for the rest of the current request, so the features one request puts together (a client's
 * progress: workouts, calendar, measurements, goals) do not each read the same row to decide who may see it.
 * Only immutable answers belong here (a decision, an id, a record view), never a managed entity: a request may
 * span several transactions. A service that changes what it memoizes calls {@link #forget} in the same write.
 * Outside a request (start-up, scheduled work without a request context) every call is computed afresh.
 */
@ApplicationScoped
public class RequestMemo {

    /** What is remembered for one kind of lookup: {@code kind} names it, for {@link #forget}. */
    public record Key(String kind, Object key) {
    }

    /** The current request's answers (a client proxy: each request sees its own). */
    private final Values current;

    public RequestMemo(Values current) {
        this.current = current;
    }

    @SuppressWarnings("unchecked")
    public <V> V remember(String kind, Object key, Supplier<V> compute) {
        if (!Arc.container().requestContext().isActive()) {
            return compute.get();
        }
        Map<Key, Object> values = current.map();
        Key k = new Key(kind, key);
        if (values.containsKey(k)) {
            return (V) values.get(k);
        }
        V value = compute.get();
        values.put(k, value);
        return value;
    }

    /** Drops every remembered answer of this kind (a write changed what they depend on). */
    public void forget(String kind) {
        if (Arc.container().requestContext().isActive()) {
            current.map().keySet().removeIf(k -> k.kind().equals(kind));
        }
    }

    /** The current request's answers. */
    @RequestScoped
    public static class Values {
        private final Map<Key, Object> values = new HashMap<>();

        public Map<Key, Object> map() {
            return values;
        }
    }
}
