package com.fitnesscrm.scheduling;

import com.fitnesscrm.scheduling.service.Recurrence;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The expansion rules, without the application around them. */
class RecurrenceTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aSevenOClockSeriesStaysAtSevenLocalAcrossTheAutumnChange() {
        // US clocks fall back on Sunday 2026-11-01: 07:00 EDT is 11:00Z before, 07:00 EST is 12:00Z after.
        List<Instant> starts = Recurrence.expand(Recurrence.Pattern.WEEKLY, LocalDate.of(2026, 10, 26),
                LocalTime.of(7, 0), NEW_YORK, Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), 1, null, 4);
        assertEquals(List.of(Instant.parse("2026-10-26T11:00:00Z"), Instant.parse("2026-10-29T11:00:00Z"),
                Instant.parse("2026-11-02T12:00:00Z"), Instant.parse("2026-11-05T12:00:00Z")), starts);
    }

    @Test
    void everyNWeeksSkipsTheWeeksBetween() {
        List<Instant> starts = Recurrence.expand(Recurrence.Pattern.WEEKLY, LocalDate.of(2026, 12, 2),
                LocalTime.of(18, 30), ZoneId.of("UTC"), EnumSet.of(DayOfWeek.WEDNESDAY), 3, LocalDate.of(2027, 1, 20),
                null);
        assertEquals(List.of(Instant.parse("2026-12-02T18:30:00Z"), Instant.parse("2026-12-23T18:30:00Z"),
                Instant.parse("2027-01-13T18:30:00Z")), starts);
    }

    @Test
    void aTimeThatDoesNotExistMovesForwardByTheGap() {
        // 2027-03-14 02:30 does not exist in New York (02:00 jumps to 03:00).
        List<Instant> starts = Recurrence.expand(Recurrence.Pattern.DAILY, LocalDate.of(2027, 3, 13),
                LocalTime.of(2, 30), NEW_YORK, Set.of(), 1, null, 2);
        assertEquals(List.of(Instant.parse("2027-03-13T07:30:00Z"), Instant.parse("2027-03-14T07:30:00Z")), starts);
    }

    @Test
    void monthlyOnThe31stSkipsShortMonthsAndWithoutAnEndItStopsAfter90Days() {
        List<Instant> monthly = Recurrence.expand(Recurrence.Pattern.MONTHLY, LocalDate.of(2027, 1, 31),
                LocalTime.NOON, ZoneId.of("UTC"), Set.of(), 1, LocalDate.of(2027, 5, 31), null);
        assertEquals(List.of(Instant.parse("2027-01-31T12:00:00Z"), Instant.parse("2027-03-31T12:00:00Z"),
                Instant.parse("2027-05-31T12:00:00Z")), monthly);
        List<Instant> daily = Recurrence.expand(Recurrence.Pattern.DAILY, LocalDate.of(2027, 1, 1),
                LocalTime.NOON, ZoneId.of("UTC"), Set.of(), 1, null, null);
        assertEquals(91, daily.size());
        assertEquals(14, Recurrence.expand(Recurrence.Pattern.BIWEEKLY, LocalDate.of(2027, 1, 4), LocalTime.NOON,
                ZoneId.of("UTC"), EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 1, null, 14).size());
    }
}
