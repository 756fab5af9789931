package com.fitnesscrm.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fitnesscrm.common.observability.ErrorReporter;
import com.fitnesscrm.common.observability.LogSafe;
import com.fitnesscrm.common.observability.Outages;
import com.fitnesscrm.common.observability.RequestTelemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Renders every failure as the API's JSON error shape: never HTML, never a stack trace, never a database message.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);
    /** During an outage every request fails the same way: one warning per interval, with the count, not one each. */
    private static final long OUTAGE_LOG_INTERVAL_NANOS = 10_000_000_000L;
    /** PostgreSQL's "invalid byte sequence for encoding": a NUL character in a text parameter. */
    private static final String NUL_IN_TEXT = "22021";

    private final ErrorReporter reporter;
    private final CurrentVertxRequest currentRequest;
    private final Counter databaseUnavailable;
    private final MeterRegistry metrics;
    private final AtomicLong outageLoggedAt = new AtomicLong(System.nanoTime() - OUTAGE_LOG_INTERVAL_NANOS);
    private final AtomicLong outageAnswersSinceLog = new AtomicLong();

    public ApiExceptionMappers(ErrorReporter reporter, CurrentVertxRequest currentRequest, MeterRegistry metrics) {
        this.reporter = reporter;
        this.currentRequest = currentRequest;
        this.metrics = metrics;
        this.databaseUnavailable = metrics.counter("fitnesscrm.dependency.unavailable", "dependency", "database");
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(e.getMessage(), e.status(), e.code(), e.details(), e.conflict()));
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        boolean missingBody = e.getConstraintViolations().stream()
                .anyMatch(v -> v.getInvalidValue() == null && isParameter(v));
        if (missingBody) {
            return json(400, "missing_body", "A JSON request body is required", null);
        }
        List<FieldError> details = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        String summary = details.stream().map(d -> d.field() + " " + d.message()).collect(Collectors.joining("; "));
        return json(400, "validation_failed", "Validation failed: " + summary, details);
    }

    @ServerExceptionMapper
    public Response jsonProblem(JsonProcessingException e) {
        return jsonError(e);
    }

    // The REST layer ships mappers for these subtypes; ours must be as specific to take precedence.
    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e) {
        return jsonError(e);
    }

    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e) {
        return jsonError(e);
    }

    @ServerExceptionMapper
    public Response jsonInvalidFormat(InvalidFormatException e) {
        return jsonError(e);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, "forbidden", "You do not have permission for this action", null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jsonProblem) {
            return jsonError(jsonProblem);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        String message = switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 415 -> "Unsupported media type: send application/json";
            default -> e.getMessage() == null ? "Request failed" : e.getMessage();
        };
        Response response = json(status, code, message, null);
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }

    /** A provider down: the caller may retry; counted per dependency, not reported as a bug. */
    @ServerExceptionMapper
    public Response dependencyUnavailable(DependencyUnavailable e) {
        metrics.counter("fitnesscrm.dependency.unavailable", "dependency", e.dependency()).increment();
        return Response.fromResponse(json(503, e.dependency() + "_unavailable", e.getMessage()
                        + ": nothing was charged or changed; try again shortly", null))
                .header("Retry-After", 30).build();
    }

    /** A circuit breaker is open: the dependency failed repeatedly and is given time before it is called again. */
    @ServerExceptionMapper
    public Response circuitOpen(org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException e) {
        metrics.counter("fitnesscrm.dependency.unavailable", "dependency", "circuit_open").increment();
        return Response.fromResponse(json(503, "dependency_unavailable", "A service this request needs is"
                        + " unavailable: nothing was charged or changed; try again shortly", null))
                .header("Retry-After", 30).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (poolExhausted(e)) {
            // Overload, not a bug: tell the caller to come back instead of blaming the server.
            LOG.warn("Database connection pool exhausted; answering 503");
            return Response.fromResponse(json(503, "service_busy", "The service is busy, try again shortly", null))
                    .header("Retry-After", 5).build();
        }
        if (Outages.databaseUnreachable(e)) {
            // An outage, not a bug: the caller may retry, the metrics count it, error tracking is not flooded.
            databaseUnavailable.increment();
            logOutage(e);
            return Response.fromResponse(json(503, "service_unavailable",
                            "The service is temporarily unavailable, try again shortly", null))
                    .header("Retry-After", 5).build();
        }
        if (Causes.hasSqlState(e, NUL_IN_TEXT)) {
            // A NUL character in a query parameter or form field: PostgreSQL refuses it in text. Bad input, and
            // the transaction has rolled back, so nothing was stored. (JSON bodies are refused earlier by field.)
            return json(400, "invalid_text", "Text must not contain NUL characters", null);
        }
        if (Causes.any(e, t -> t instanceof jakarta.persistence.OptimisticLockException
                || t instanceof org.hibernate.StaleStateException)) {
            // No entity has a version column, so this only means the row was deleted by a concurrent request
            // (a double click on delete) between this request's read and its write: for this caller, it is gone.
            return json(404, "not_found", "Not found", null);
        }
        if (truncatedMultipart(e)) {
            // The upload's body ended before its closing boundary: the request is malformed, not the server.
            return json(400, "malformed_multipart", "Malformed multipart body: it ends before its closing boundary",
                    null);
        }
        if (clientWentAway(e)) {
            LOG.debugf("Client closed the connection before the answer: %s", e.getMessage());
            return json(499, "client_closed_request", "Client closed the connection", null);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(LogSafe.of(e), "Unexpected error, reference %s", reference);
        reporter.requestFailed(e, reference, RequestTelemetry.facts(routingContext()));
        return json(500, "internal_error", "Internal server error (reference " + reference + ")", null);
    }

    private void logOutage(Throwable e) {
        long answered = outageAnswersSinceLog.incrementAndGet();
        long last = outageLoggedAt.get();
        long now = System.nanoTime();
        if (now - last >= OUTAGE_LOG_INTERVAL_NANOS && outageLoggedAt.compareAndSet(last, now)) {
            outageAnswersSinceLog.addAndGet(-answered);
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            LOG.warnf("Database unreachable: answered %d request(s) 503 since the last warning (%s: %s)", answered,
                    root.getClass().getSimpleName(), root.getMessage());
        }
    }

    private RoutingContext routingContext() {
        try {
            return currentRequest.getCurrent();
        } catch (RuntimeException noRequestScope) {
            return null;
        }
    }

    private static boolean truncatedMultipart(Throwable e) {
        return Causes.any(e, t -> t instanceof java.io.IOException && t.getMessage() != null
                && t.getMessage().startsWith("Connection terminated parsing multipart"));
    }

    /**
     * The caller hung up: while its answer was written (HttpClosedException) or before its body had arrived (a
     * blocking endpoint reading the body on a worker finds the channel closed). Nobody reads the answer, and it is
     * not a server fault, so it is not reported as one.
     */
    private static boolean clientWentAway(Throwable e) {
        return Causes.any(e, t -> t instanceof io.vertx.core.http.HttpClosedException
                || t instanceof java.nio.channels.ClosedChannelException);
    }

    private static boolean poolExhausted(Throwable e) {
        return Causes.any(e, t -> t instanceof java.sql.SQLException && t.getMessage() != null
                && t.getMessage().contains("acquisition timeout"));
    }

    private static Response jsonError(JsonProcessingException e) {
        if (e instanceof JsonParseException || e.getCause() instanceof JsonParseException) {
            return json(400, "malformed_json", "Malformed JSON: the request body is not valid JSON", null);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // "sets[0].notes", as the validation errors name a list element's field.
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            String message;
            if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                    && text.indexOf('\0') >= 0) {
                message = "must not contain NUL characters";
            } else if (e instanceof InvalidFormatException invalid) {
                message = "must be " + describe(invalid.getTargetType()) + " (got " + quote(invalid.getValue()) + ")";
            } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                message = "must be " + describe(mismatched.getTargetType());
            } else {
                message = "has an invalid value";
            }
            return json(400, "validation_failed", "Validation failed: " + field + " " + message,
                    List.of(new FieldError(field, message)));
        }
        if (e instanceof MismatchedInputException) {
            return json(400, "malformed_json", "The request body must be a JSON object", null);
        }
        return json(400, "malformed_json", "Malformed JSON", null);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"" : String.valueOf(value);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == java.math.BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase();
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or date-time";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static Response unauthenticated() {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(new ApiError("Authentication required: send a valid bearer token", 401, "unauthorized"))
                .build();
    }

    static Response json(int status, String code, String message, List<FieldError> details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(message, status, code, details, null))
                .build();
    }

    /** A violation on the method parameter itself (path "method.param"), not on one of its fields. */
    private static boolean isParameter(ConstraintViolation<?> violation) {
        int nodes = 0;
        for (var ignored : violation.getPropertyPath()) {
            nodes++;
        }
        return nodes == 2;
    }

    /**
     * Validation paths look like "register.body.email" or "create.request.exercises[0].reps"; the field is what
     * follows the method and parameter nodes (so a list element's field keeps its index), in the API's snake_case.
     */
    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString().replaceAll("\\.?<[^>]*>", "");
        String[] nodes = path.split("\\.", 3);
        String field = nodes.length == 3 ? nodes[2] : nodes[nodes.length - 1];
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
