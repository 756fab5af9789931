package com.fitnesscrm.training;

import com.fitnesscrm.training.service.Streaks;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pure streak calculation: calendar days already in the client's zone. */
class StreaksTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Predicate<LocalDate> NO_REST = day -> false;

    @Test
    void workoutsLateInTheEveningStayOnConsecutiveDaysAcrossTheAutumnClockChange() {
        // Sunday 25 October 2026, 02:00 BST becomes 01:00 GMT. A workout at 23:30 each evening, 22 … 28 October.
        TreeSet<LocalDate> local = new TreeSet<>();
        TreeSet<LocalDate> fixedSummerOffset = new TreeSet<>();
        for (int day = 22; day <= 28; day++) {
            var instant = LocalDateTime.of(2026, 10, day, 23, 30).atZone(LONDON).toInstant();
            local.add(instant.atZone(LONDON).toLocalDate());
            fixedSummerOffset.add(instant.atOffset(ZoneOffset.ofHours(1)).toLocalDate());
        }
        Streaks.Result result = Streaks.of(local, NO_REST, LocalDate.of(2026, 10, 28));
        assertEquals(7, result.currentDays());
        assertEquals(7, result.longestDays());
        // Reading the days with the summer offset all year (a naive "UTC+1") moves the winter evenings to the next
        // day, so 25 October looks missed and the run breaks.
        assertEquals(false, fixedSummerOffset.contains(LocalDate.of(2026, 10, 25)));
        assertEquals(4, Streaks.of(fixedSummerOffset, NO_REST, LocalDate.of(2026, 10, 29)).longestDays());
    }

    @Test
    void workoutsJustAfterMidnightStayOnTheirLocalDayToo() {
        // 00:30 in summer time is 23:30 UTC the day before: by UTC dates the run would break at the change.
        TreeSet<LocalDate> local = new TreeSet<>();
        TreeSet<LocalDate> utc = new TreeSet<>();
        for (int day = 22; day <= 28; day++) {
            var instant = LocalDateTime.of(2026, 10, day, 0, 30).atZone(LONDON).toInstant();
            local.add(instant.atZone(LONDON).toLocalDate());
            utc.add(instant.atOffset(ZoneOffset.UTC).toLocalDate());
        }
        assertEquals(7, Streaks.of(local, NO_REST, LocalDate.of(2026, 10, 28)).longestDays());
        assertEquals(4, Streaks.of(utc, NO_REST, LocalDate.of(2026, 10, 28)).longestDays());
    }

    @Test
    void aScheduledRestDayNeitherBreaksNorExtendsAStreakButAnUnscheduledMissDoes() {
        LocalDate d1 = LocalDate.of(2026, 11, 2);
        TreeSet<LocalDate> days = new TreeSet<>(Set.of(d1, d1.plusDays(1), d1.plusDays(3), d1.plusDays(4)));
        Predicate<LocalDate> thirdDayRests = day -> day.equals(d1.plusDays(2));
        Streaks.Result rested = Streaks.of(days, thirdDayRests, d1.plusDays(4));
        assertEquals(4, rested.currentDays());
        assertEquals(4, rested.longestDays());
        Streaks.Result missed = Streaks.of(days, NO_REST, d1.plusDays(4));
        assertEquals(2, missed.currentDays());
        assertEquals(2, missed.longestDays());
        // Rest days in a row are fine, a missed workout day after them is not.
        Predicate<LocalDate> weekendRests = day -> day.getDayOfWeek().getValue() >= 6;
        TreeSet<LocalDate> weekdays = new TreeSet<>(Set.of(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 6),
                LocalDate.of(2026, 11, 9)));
        assertEquals(3, Streaks.of(weekdays, weekendRests, LocalDate.of(2026, 11, 9)).currentDays());
        assertEquals(0, Streaks.of(weekdays, weekendRests, LocalDate.of(2026, 11, 11)).currentDays());
    }

    @Test
    void todayWithoutAWorkoutYetKeepsTheStreakAlive() {
        LocalDate today = LocalDate.of(2026, 11, 25);
        TreeSet<LocalDate> days = new TreeSet<>(Set.of(today.minusDays(2), today.minusDays(1)));
        assertEquals(2, Streaks.of(days, NO_REST, today).currentDays());
        assertEquals(0, Streaks.of(days, NO_REST, today.plusDays(1)).currentDays());
        assertEquals(2, Streaks.of(days, NO_REST, today.plusDays(1)).longestDays());
        assertEquals(new Streaks.Result(0, 0, 0, 0), Streaks.of(new TreeSet<>(), NO_REST, today));
    }

    @Test
    void weeklyStreaksCountIsoWeeksWithAWorkoutAndThisWeekIsStillOpen() {
        // Weeks of 2, 9 and 23 November have workouts; 16 November has none. Today is Wednesday 2 December.
        TreeSet<LocalDate> days = new TreeSet<>(Set.of(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 8),
                LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 27)));
        Streaks.Result result = Streaks.of(days, NO_REST, LocalDate.of(2026, 12, 2));
        assertEquals(1, result.currentWeeks());
        assertEquals(2, result.longestWeeks());
        assertEquals(0, Streaks.of(days, NO_REST, LocalDate.of(2026, 12, 8)).currentWeeks());
    }
}
