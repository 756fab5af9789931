package com.fitnesscrm.common.web;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Whether the HTTP caller of the current request is still there. Expensive work queued behind others (a password
 * hash waits for a free core) is skipped once its caller has hung up: nobody would read the answer, and a burst of
 * abandoned logins would otherwise keep the CPU busy long after their clients gave up.
 */
@ApplicationScoped
public class CallerConnection {

    private final Instance<CurrentVertxRequest> current;

    public CallerConnection(Instance<CurrentVertxRequest> current) {
        this.current = current;
    }

    /** True when this runs for an HTTP request whose connection has closed; false outside requests. */
    public boolean gone() {
        if (!Arc.container().requestContext().isActive()) {
            return false;
        }
        RoutingContext request = current.get().getCurrent();
        return request != null && request.response().closed();
    }
}
