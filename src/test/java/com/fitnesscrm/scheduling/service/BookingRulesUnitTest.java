package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.scheduling.domain.WorkingPeriod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of the booking rules: working-hours containment in local time, weekday shifts of a series. */
class BookingRulesUnitTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static WorkingPeriod period(int weekday, String from, String to) {
        WorkingPeriod p = new WorkingPeriod();
        p.weekday = (short) weekday;
        p.startTime = LocalTime.parse(from);
        p.endTime = LocalTime.parse(to);
        return p;
    }

    @Test
    void workingHoursAreLocalTimeOnBothSidesOfTheClockChange() {
        List<WorkingPeriod> mondays = List.of(period(0, "09:00", "12:00"));
        // 2027-03-22 is GMT: 09:00 local = 09:00Z; 2027-03-29 is BST: 09:00 local = 08:00Z.
        assertTrue(BookingRules.within(mondays, Instant.parse("2027-03-22T09:00:00Z"), Instant.parse("2027-03-22T10:00:00Z"), LONDON));
        assertTrue(BookingRules.within(mondays, Instant.parse("2027-03-29T08:00:00Z"), Instant.parse("2027-03-29T09:00:00Z"), LONDON));
        assertFalse(BookingRules.within(mondays, Instant.parse("2027-03-29T07:30:00Z"), Instant.parse("2027-03-29T08:30:00Z"), LONDON));
        assertFalse(BookingRules.within(mondays, Instant.parse("2027-03-22T11:30:00Z"), Instant.parse("2027-03-22T12:30:00Z"), LONDON));
        assertFalse(BookingRules.within(mondays, Instant.parse("2027-03-23T09:00:00Z"), Instant.parse("2027-03-23T10:00:00Z"), LONDON));
        assertTrue(BookingRules.within(List.of(), Instant.parse("2027-03-23T03:00:00Z"), Instant.parse("2027-03-23T04:00:00Z"), LONDON));
    }

    @Test
    void aSessionMustFitInsideOneStretch() {
        List<WorkingPeriod> split = List.of(period(2, "07:00", "11:00"), period(2, "15:00", "19:00"));
        assertTrue(BookingRules.within(split, Instant.parse("2027-01-06T15:00:00Z"), Instant.parse("2027-01-06T19:00:00Z"), LONDON));
        assertFalse(BookingRules.within(split, Instant.parse("2027-01-06T10:30:00Z"), Instant.parse("2027-01-06T15:30:00Z"), LONDON));
    }

    @Test
    void weekdaysOfASeriesMoveWithItsOccurrences() {
        assertEquals("1,3", SeriesEditService.shiftDays("0,2", 1));
        assertEquals("0,1", SeriesEditService.shiftDays("5,6", 2));
        assertEquals("6", SeriesEditService.shiftDays("0", -1));
        assertEquals("0,2", SeriesEditService.shiftDays("0,2", 7));
        assertNull(SeriesEditService.shiftDays(null, 3));
    }
}
