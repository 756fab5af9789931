package com.fitnesscrm.common.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Where the current request comes from, for the audit log; empty outside a request (scheduled jobs). */
@ApplicationScoped
public class RequestOrigin {

    private final CurrentVertxRequest currentRequest;
    private final ClientIpResolver ipResolver;

    public RequestOrigin(CurrentVertxRequest currentRequest, ClientIpResolver ipResolver) {
        this.currentRequest = currentRequest;
        this.ipResolver = ipResolver;
    }

    public String ip() {
        RoutingContext ctx = context();
        return ctx == null ? null : ipResolver.resolve(ctx.request());
    }

    public String userAgent() {
        RoutingContext ctx = context();
        String agent = ctx == null ? null : ctx.request().getHeader("User-Agent");
        return agent == null || agent.length() <= 400 ? agent : agent.substring(0, 400);
    }

    private RoutingContext context() {
        try {
            return currentRequest.getCurrent();
        } catch (RuntimeException noRequestScope) {
            return null;
        }
    }
}
