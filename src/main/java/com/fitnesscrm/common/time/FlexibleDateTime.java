package com.fitnesscrm.common.time;

import com.fitnesscrm.common.error.ApiException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads the date-times the SPA sends: {@code YYYY-MM-DD}, {@code YYYY-MM-DDTHH:MM} (a datetime-local input),
 * {@code …:SS}, and full ISO-8601 with milliseconds and {@code Z} or an offset (JavaScript's toISOString).
 * Values without an offset are wall-clock times in the given zone (the organization's).
 */
public final class FlexibleDateTime {

    /** Sessions and schedules outside these years are typing mistakes, not plans. */
    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 2100;
    /** Compiled once: String.matches and replaceAll compiled these on every call (a booking parses two). */
    private static final Pattern OFFSET = Pattern.compile(".*[+-]\\d{2}:?\\d{2}$");
    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private FlexibleDateTime() {
    }

    public static Instant parse(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim().replace(' ', 'T');
        Instant instant;
        try {
            if (text.length() == 10) {
                instant = LocalDate.parse(text).atStartOfDay(zone).toInstant();
            } else if (text.endsWith("Z")) {
                instant = OffsetDateTime.parse(text).toInstant();
            } else if (OFFSET.matcher(text).matches()) {
                instant = OffsetDateTime.parse(OFFSET_WITHOUT_COLON.matcher(text).replaceAll("$1:$2")).toInstant();
            } else {
                instant = LocalDateTime.parse(text).atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field,
                    "must be a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM, ISO-8601)");
        }
        int year;
        try {
            year = instant.atZone(zone).getYear();
        } catch (DateTimeException e) {
            year = Integer.MIN_VALUE;
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ApiException.invalidField(field, "must be between the years " + MIN_YEAR + " and " + MAX_YEAR);
        }
        return instant;
    }
}
