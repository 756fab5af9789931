package com.fitnesscrm.common.web;

/**
 * The first and last name the SPA's pickers show ({@code first_name + " " + last_name}), derived from the one
 * {@code name} a trainer or client record stores: the first word, and the rest. "Cher" is {@code ("Cher", "")}, so
 * a picker never shows "undefined" or "null" after it. This is the only place names are split.
 */
public record PersonName(String first, String last) {

    public static PersonName of(String name) {
        if (name == null || name.isBlank()) {
            return new PersonName(name == null ? null : "", name == null ? null : "");
        }
        String trimmed = name.strip();
        int space = firstWhitespace(trimmed);
        if (space < 0) {
            return new PersonName(trimmed, "");
        }
        return new PersonName(trimmed.substring(0, space), trimmed.substring(space).strip());
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
