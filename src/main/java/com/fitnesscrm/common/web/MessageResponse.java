package com.fitnesscrm.common.web;

/** The contract's {@code {message}} answer for actions that return no record. */
// Returned inside JAX-RS Responses, where the native build cannot see the type: register it.
@io.quarkus.runtime.annotations.RegisterForReflection
public record MessageResponse(String message) {
}
