package com.fitnesscrm.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fitnesscrm.common.observability.RequestTelemetry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The one error shape of the whole API; the SPA shows {@code error}. */
// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "Error", description = "Every error answer has this shape")
public record ApiError(
        @Schema(description = "Human-readable message", example = "Validation failed") String error,
        @Schema(description = "HTTP status code", example = "400") int status,
        @Schema(description = "Stable machine-readable code", example = "validation_failed") String code,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Per-field problems (validation errors only)") List<FieldError> details,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Extra machine-readable context, e.g. a conflicting record") Object conflict,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Always false, and present only on the modules whose envelope is {success, data}"
                + " (goals and progress photos)") Boolean success,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The request's id (its X-Request-Id): quote it when reporting a problem",
                example = "9b2f1c0e-6a51-4c1e-9d7e-1f0f5b3c2a10") String requestId) {

    public ApiError(String error, int status, String code) {
        this(error, status, code, null, null, null, RequestTelemetry.currentRequestId());
    }

    public ApiError(String error, int status, String code, List<FieldError> details, Object conflict) {
        this(error, status, code, details, conflict, null, RequestTelemetry.currentRequestId());
    }

    /** The same error for a module whose answers carry a {@code success} flag. */
    public ApiError unsuccessful() {
        return new ApiError(error, status, code, details, conflict, Boolean.FALSE, requestId);
    }
}
