package com.fitnesscrm.common.web;

import com.fitnesscrm.common.error.ApiException;

/**
 * Query parameters arrive as text. JAX-RS answers 404 when one cannot be converted to its declared type;
 * reading them here instead turns a bad value into a 400 that names the parameter, and "" into "absent".
 */
public final class QueryValues {

    private QueryValues() {
    }

    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number");
        }
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> throw ApiException.invalidField(name, "must be true or false");
        };
    }
}
