package com.fitnesscrm.scheduling.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Expands a recurrence rule into start instants. Occurrences are computed as local dates and wall-clock times
 * in the series' time zone and only then turned into instants, so a 07:00 session stays at 07:00 local across
 * daylight-saving changes (a time that does not exist on a spring-forward day moves forward by the gap).
 */
public final class Recurrence {

    /** Without an end date or a count, a series reaches this far ahead (the contract's 90 days). */
    public static final int DEFAULT_HORIZON_DAYS = 90;
    public static final int MAX_OCCURRENCES = 366;

    public enum Pattern { DAILY, WEEKLY, BIWEEKLY, MONTHLY }

    private Recurrence() {
    }

    /**
     * @param weekdays   days of the week for weekly patterns (empty: the start date's weekday)
     * @param everyWeeks the week interval for weekly patterns (biweekly forces 2)
     * @param until      last date, inclusive (null: {@code count} or the default horizon)
     * @param count      number of occurrences (null: until {@code until} or the default horizon)
     */
    public static List<Instant> expand(Pattern pattern, LocalDate start, LocalTime time, ZoneId zone,
                                       Set<DayOfWeek> weekdays, int everyWeeks, LocalDate until, Integer count) {
        LocalDate last = until != null ? until : count != null
                ? start.plusYears(2) : start.plusDays(DEFAULT_HORIZON_DAYS);
        int limit = count != null ? Math.min(count, MAX_OCCURRENCES) : MAX_OCCURRENCES;
        List<LocalDate> dates = new ArrayList<>();
        switch (pattern) {
            case DAILY -> {
                for (LocalDate d = start; !d.isAfter(last) && dates.size() < limit; d = d.plusDays(1)) {
                    dates.add(d);
                }
            }
            case MONTHLY -> {
                for (int month = 0; dates.size() < limit; month++) {
                    LocalDate firstOfMonth = start.withDayOfMonth(1).plusMonths(month);
                    if (firstOfMonth.isAfter(last)) {
                        break;
                    }
                    // Months too short for the day (the 31st) are skipped rather than moved.
                    if (start.getDayOfMonth() <= firstOfMonth.lengthOfMonth()) {
                        LocalDate d = firstOfMonth.withDayOfMonth(start.getDayOfMonth());
                        if (!d.isAfter(last)) {
                            dates.add(d);
                        }
                    }
                }
            }
            case WEEKLY, BIWEEKLY -> {
                int interval = pattern == Pattern.BIWEEKLY ? 2 : Math.max(1, everyWeeks);
                Set<DayOfWeek> days = weekdays.isEmpty() ? Set.of(start.getDayOfWeek()) : weekdays;
                LocalDate weekStart = start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                for (LocalDate week = weekStart; !week.isAfter(last) && dates.size() < limit;
                     week = week.plusWeeks(interval)) {
                    for (int offset = 0; offset < 7 && dates.size() < limit; offset++) {
                        LocalDate d = week.plusDays(offset);
                        if (!d.isBefore(start) && !d.isAfter(last) && days.contains(d.getDayOfWeek())) {
                            dates.add(d);
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException(pattern.name());
        }
        return dates.stream().map(d -> d.atTime(time).atZone(zone).toInstant()).toList();
    }
}
