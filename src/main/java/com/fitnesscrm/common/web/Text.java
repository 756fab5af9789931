package com.fitnesscrm.common.web;

import java.util.Locale;

/** Normalising what forms send: "" means "no value"; emails compare trimmed and lower-cased. */
public final class Text {

    private Text() {
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** A LIKE pattern matching the term anywhere, with the user's own % and _ taken literally. */
    public static String containsPattern(String term) {
        String escaped = term.trim().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
