package com.fitnesscrm.common.error;

import java.util.List;

/**
 * A failure the caller caused or may retry, carrying the status and stable code the error shape needs.
 * Services throw it; {@link ApiExceptionMappers} renders it.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> details;
    private final transient Object conflict;
    private final Long retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, null, null);
    }

    public ApiException(int status, String code, String message, List<FieldError> details, Object conflict,
                        Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
        this.conflict = conflict;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "validation_failed", "Validation failed: " + field + " " + message,
                List.of(new FieldError(field, message)), null, null);
    }

    /** Every problem of a request at once (a form shows each next to its field), or null when there are none. */
    public static ApiException invalidFields(List<FieldError> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        String summary = problems.stream().map(p -> p.field() + " " + p.message())
                .collect(java.util.stream.Collectors.joining("; "));
        return new ApiException(400, "validation_failed", "Validation failed: " + summary, List.copyOf(problems),
                null, null);
    }

    /** Throws {@link #invalidFields} when there is any problem. */
    public static void failIfAny(List<FieldError> problems) {
        ApiException failure = invalidFields(problems);
        if (failure != null) {
            throw failure;
        }
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", "Too many requests, try again in " + retryAfterSeconds + " s",
                null, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> details() {
        return details;
    }

    public Object conflict() {
        return conflict;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
