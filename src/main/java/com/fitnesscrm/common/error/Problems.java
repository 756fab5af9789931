package com.fitnesscrm.common.error;


import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of one request body (a workout log with twenty sets may have several), so the answer
 * names them all at once; nothing is written while any remain.
 */
public final class Problems {

    private final List<FieldError> details = new ArrayList<>();

    public void add(String field, String message) {
        details.add(new FieldError(field, message));
    }

    /** A whole number within bounds, when present. */
    public void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, value < 0 && min >= 0 ? "must not be negative" : "must be between " + min + " and " + max);
        }
    }

    public void range(String field, java.math.BigDecimal value, int min, int max, String unit) {
        if (value != null && (value.signum() < 0 && min >= 0)) {
            add(field, "must not be negative");
        } else if (value != null && (value.compareTo(java.math.BigDecimal.valueOf(min)) < 0
                || value.compareTo(java.math.BigDecimal.valueOf(max)) > 0)) {
            add(field, "must be between " + min + " and " + max + unit);
        }
    }

    public boolean any() {
        return !details.isEmpty();
    }

    public void throwIfAny() {
        ApiException.failIfAny(details);
    }
}
