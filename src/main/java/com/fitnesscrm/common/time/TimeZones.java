package com.fitnesscrm.common.time;

import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.web.Text;

import java.time.DateTimeException;
import java.time.ZoneId;

/** IANA time zones as requests send them. */
public final class TimeZones {

    private TimeZones() {
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
