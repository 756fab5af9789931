package com.fitnesscrm.common.security;

import com.fitnesscrm.common.web.ApiPaths;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.observability.RequestTelemetry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * HTTP-level protections that must hold for every response, including those no JAX-RS resource produces:
 * security headers, the JSON body-size limit, and a JSON 404 for unknown API paths.
 */
@ApplicationScoped
public class HttpGuards {

    /** A JSON API serves no documents: nothing may load from it or frame it. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** Swagger UI is a small page of its own scripts and styles that calls this same origin. */
    static final String SWAGGER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private final long maxJsonBytes;

    public HttpGuards(AppConfig config) {
        this.maxJsonBytes = config.maxJsonBytes();
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::guard);
        // Quarkus REST passes unmatched paths on; answer those under /api in the API's error shape.
        router.route("/api/*").order(Integer.MAX_VALUE - 10).handler(ctx ->
                error(ctx, 404, "not_found", "Not found"));
        for (String root : ApiPaths.UNPREFIXED_ROOTS) {
            router.route(root + "/*").order(Integer.MAX_VALUE - 10).handler(ctx ->
                    error(ctx, 404, "not_found", "Not found"));
        }
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.addHeadersEndHandler(v -> securityHeaders(ctx.response(), path));
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (length != null && (type == null || type.toLowerCase().contains("json"))) {
            try {
                if (Long.parseLong(length.trim()) > maxJsonBytes) {
                    error(ctx, 413, "payload_too_large",
                            "Request body too large: JSON bodies are limited to " + (maxJsonBytes / 1024) + " KB");
                    return;
                }
            } catch (NumberFormatException e) {
                error(ctx, 400, "bad_request", "Invalid Content-Length");
                return;
            }
        }
        ctx.next();
    }

    static void securityHeaders(HttpServerResponse response, String path) {
        boolean swagger = path != null && path.startsWith("/q/swagger-ui");
        response.headers()
                .set("Content-Security-Policy", swagger ? SWAGGER_CSP : API_CSP)
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .set("Referrer-Policy", "no-referrer")
                // The legacy XSS auditor is itself an attack surface; current guidance is to switch it off.
                .set("X-XSS-Protection", "0")
                .set("Cross-Origin-Opener-Policy", "same-origin");
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        JsonObject body = new JsonObject().put("error", message).put("status", status).put("code", code)
                .put("request_id", RequestTelemetry.currentRequestId());
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body.encode());
    }
}
