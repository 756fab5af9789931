package com.fitnesscrm.training.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Streaks over calendar days (already in the client's zone): consecutive days with a completed workout, where a rest
 * day the client's program or schedule sets neither breaks nor extends a run, and consecutive ISO weeks with at least
 * one. Today, and this week, still count as "alive" until they end without a workout.
 */
public final class Streaks {

    public record Result(int currentDays, int longestDays, int currentWeeks, int longestWeeks) {
    }

    private Streaks() {
    }

    public static Result of(SortedSet<LocalDate> workoutDays, Predicate<LocalDate> restDay, LocalDate today) {
        if (workoutDays.isEmpty()) {
            return new Result(0, 0, 0, 0);
        }
        LocalDate last = workoutDays.last().isAfter(today) ? workoutDays.last() : today;
        int run = 0;
        int longest = 0;
        for (LocalDate day = workoutDays.first(); !day.isAfter(last); day = day.plusDays(1)) {
            if (workoutDays.contains(day)) {
                run++;
                longest = Math.max(longest, run);
            } else if (!restDay.test(day) && day.isBefore(today)) {
                run = 0;
            }
        }
        SortedSet<LocalDate> weeks = new TreeSet<>();
        workoutDays.forEach(d -> weeks.add(monday(d)));
        LocalDate lastWeek = monday(last);
        int weekRun = 0;
        int longestWeeks = 0;
        for (LocalDate week = weeks.first(); !week.isAfter(lastWeek); week = week.plusWeeks(1)) {
            if (weeks.contains(week)) {
                weekRun++;
                longestWeeks = Math.max(longestWeeks, weekRun);
            } else if (week.isBefore(monday(today))) {
                weekRun = 0;
            }
        }
        return new Result(run, longest, weekRun, longestWeeks);
    }

    static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
