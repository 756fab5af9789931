package com.fitnesscrm.common.observability;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The first handler of every HTTP request: gives it a request id (the proxy's {@code X-Request-Id} when it is a
 * plain token, else a new one), returns it on the response, puts it in the logging context (so every log line of
 * the request, its error body and its error report carry it) and, when the response has ended, writes the
 * request's one access-log line: route template, status, duration, user and organization, never the raw path or
 * query (which can hold names and emails).
 */
@ApplicationScoped
public class RequestTelemetry {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Logging-context (MDC) keys; the JSON log shows them under {@code mdc}. */
    public static final String REQUEST_ID = "request_id";
    public static final String USER_ID = "user_id";
    public static final String ORGANIZATION_ID = "organization_id";
    /**
     * Set by Quarkus REST in the request's Vert.x context once an endpoint is matched ("/api/clients/{id}"); the
     * HTTP metrics read the same value.
     */
    static final String ROUTE_TEMPLATE = "UrlPathTemplate";
    private static final String CALLER_USER = RequestTelemetry.class.getName() + ".user";
    private static final String CALLER_ORGANIZATION = RequestTelemetry.class.getName() + ".organization";
    /** A proxy's id is kept only when it cannot smuggle anything into a log line or a header. */
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:\\-]{8,128}");
    private static final Logger ACCESS = Logger.getLogger("fitnesscrm.access");

    private final Tracing tracing;

    public RequestTelemetry(Tracing tracing) {
        this.tracing = tracing;
    }

    void install(@Observes Router router) {
        // Before every other handler (HttpGuards is -1000), so even a refused request has an id.
        router.route().order(-2000).handler(this::begin);
    }

    void begin(RoutingContext ctx) {
        String id = acceptedId(ctx.request().getHeader(REQUEST_ID_HEADER));
        MDC.put(REQUEST_ID, id);
        ctx.response().putHeader(REQUEST_ID_HEADER, id);
        long started = System.nanoTime();
        Tracing.Span span = tracing.start(ctx.request().method().name());
        String path = ctx.normalizedPath();
        boolean probe = path != null && path.startsWith("/q/health");
        ctx.addEndHandler(ended -> {
            String route = route(ctx);
            int status = ctx.response().getStatusCode();
            span.finish(route, status);
            if (!probe) {
                logAccess(ctx, id, route, status, (System.nanoTime() - started) / 1_000_000.0);
            }
        });
        ctx.next();
    }

    /** Records who the caller is, once their token has been verified, for the access line and error reports. */
    public static void identify(RoutingContext ctx, String userId, Object organizationId) {
        if (ctx == null) {
            return;
        }
        ctx.put(CALLER_USER, userId);
        MDC.put(USER_ID, userId);
        if (organizationId != null) {
            ctx.put(CALLER_ORGANIZATION, organizationId.toString());
            MDC.put(ORGANIZATION_ID, organizationId.toString());
        }
    }

    /** This request's id, or null outside a request (a scheduled job). */
    public static String currentRequestId() {
        Object id = MDC.get(REQUEST_ID);
        return id == null ? null : id.toString();
    }

    /** What is known about the request an error happened in, for its report. */
    public static RequestFacts facts(RoutingContext ctx) {
        if (ctx == null) {
            return new RequestFacts(currentRequestId(), null, null, null, null);
        }
        return new RequestFacts(currentRequestId(), ctx.request().method().name(), route(ctx), ctx.get(CALLER_USER),
                ctx.get(CALLER_ORGANIZATION));
    }

    static String route(RoutingContext ctx) {
        Object template = ctx.request() instanceof HttpServerRequestInternal internal
                ? internal.context().getLocal(ROUTE_TEMPLATE) : null;
        if (template != null) {
            return template.toString();
        }
        String path = ctx.normalizedPath();
        // Unmatched paths are not echoed (they are whatever a caller typed); the fixed ones are safe to name.
        if (path != null && (path.startsWith("/q/") || "/".equals(path))) {
            return path;
        }
        return "unmatched";
    }

    private static void logAccess(RoutingContext ctx, String id, String route, int status, double millis) {
        // The request's own context is gone by now on some paths: set what the line needs explicitly.
        MDC.put(REQUEST_ID, id);
        MDC.put("route", route);
        MDC.put("status", Integer.toString(status));
        MDC.put("duration_ms", String.format(Locale.ROOT, "%.1f", millis));
        putOrRemove(USER_ID, ctx.get(CALLER_USER));
        putOrRemove(ORGANIZATION_ID, ctx.get(CALLER_ORGANIZATION));
        try {
            ACCESS.infof("%s %s %d %.1f ms", ctx.request().method().name(), route, status, millis);
        } finally {
            MDC.remove("route");
            MDC.remove("status");
            MDC.remove("duration_ms");
        }
    }

    private static void putOrRemove(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    static String acceptedId(String offered) {
        return offered != null && ACCEPTED_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
