package com.fitnesscrm.common.error;

/** One invalid input field: which field, and what is wrong with it. */
public record FieldError(String field, String message) {
}
