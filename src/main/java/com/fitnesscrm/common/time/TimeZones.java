package com.fitnesscrm.common.time;

import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.web.Text;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** IANA time zones as requests send them. */
public final class TimeZones {

    private TimeZones() {
    }

    /**
     * The zone as PostgreSQL's {@code AT TIME ZONE} reads it. A region id is the same in both; a fixed offset
     * ("+10:00", "UTC+10") is not: PostgreSQL reads such a string as a POSIX zone, whose sign is the opposite of
     * ISO's ("+10:00" would be ten hours west), so it is written the POSIX way ("UTC-10:00:00" is ten hours east).
     */
    public static String forSql(ZoneId zone) {
        if (!(zone.normalized() instanceof ZoneOffset offset)) {
            return zone.getId();
        }
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        return String.format("UTC%s%02d:%02d:%02d", seconds > 0 ? "-" : "+", abs / 3600, abs % 3600 / 60, abs % 60);
    }

    /** The zone's canonical id, null for a blank value, or a 400 naming the field. */
    public static String parse(String field, String value) {
        if (Text.blankToNull(value) == null) {
            return null;
        }
        try {
            return ZoneId.of(value.trim()).getId();
        } catch (DateTimeException e) {
            throw ApiException.invalidField(field, "must be an IANA time zone such as Europe/London");
        }
    }
}
