package com.fitnesscrm.common.web;

import com.fitnesscrm.common.error.ApiException;

/**
 * Query parameters arrive as text. JAX-RS answers 404 when one cannot be converted to its declared type;
 * reading them here instead turns a bad value into a 400 that names the parameter, and "" into "absent". Multipart
 * form fields are text too and are read the same way.
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

    /** A record id: "", "null" and "undefined" (what a JavaScript form sends for nothing) are absent; else ≥ 1. */
    public static Long id(String name, String value) {
        String text = Text.blankToNull(value);
        if (text == null || text.equals("null") || text.equals("undefined")) {
            return null;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (id < 1) {
                throw ApiException.invalidField(name, "must be a positive whole number");
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number");
        }
    }
}
