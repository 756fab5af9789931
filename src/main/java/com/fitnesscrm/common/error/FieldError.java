package com.fitnesscrm.common.error;

/** One invalid input field: which field, and what is wrong with it. */
// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
public record FieldError(String field, String message) {
}
