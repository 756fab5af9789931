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

    /**
     * The text shortened to at most {@code maxLength} characters at a word boundary, for a value derived from user
     * input that must fit its column (e.g. "<name>'s studio"): whole words while they fit, trailing spaces and
     * punctuation dropped; a first word longer than the limit is cut. Text that fits is returned unchanged.
     */
    public static String shortenToWords(String text, int maxLength) {
        if (text == null || text.length() <= maxLength) {
            return text;
        }
        // The cut falls before character maxLength: keep it there when a word ends exactly at the limit.
        int cut = Character.isWhitespace(text.charAt(maxLength)) ? maxLength : -1;
        for (int i = maxLength - 1; cut < 0 && i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                cut = i;
            }
        }
        String kept = cut > 0 ? text.substring(0, cut) : text.substring(0, maxLength);
        int end = kept.length();
        while (end > 1 && !Character.isLetterOrDigit(kept.charAt(end - 1))) {
            end--;
        }
        return kept.substring(0, end);
    }
}
