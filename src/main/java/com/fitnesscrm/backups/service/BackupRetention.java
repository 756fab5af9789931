package com.fitnesscrm.backups.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which backups to keep: the newest verified backup of each of the last {@code daily} days that have one, of the
 * last {@code weekly} ISO weeks and of the last {@code monthly} months (UTC). Everything else older than the newest
 * verified backup goes, failed attempts included; nothing goes while no backup is verified, so a broken run
 * never costs the good backups before it.
 */
final class BackupRetention {

    /** What retention needs of a backup. */
    record Candidate(String id, Instant startedAt, boolean verified) {
    }

    private BackupRetention() {
    }

    static List<Candidate> toDelete(List<Candidate> backups, int daily, int weekly, int monthly) {
        List<Candidate> verified = backups.stream().filter(Candidate::verified)
                .sorted(Comparator.comparing(Candidate::startedAt).reversed()).toList();
        if (verified.isEmpty()) {
            return List.of();
        }
        Instant newestVerified = verified.get(0).startedAt();
        Set<String> keep = new HashSet<>();
        keep.addAll(newestPerPeriod(verified, daily, d -> d.toString()));
        keep.addAll(newestPerPeriod(verified, weekly,
                d -> d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        keep.addAll(newestPerPeriod(verified, monthly, d -> d.getYear() + "-" + d.getMonthValue()));
        List<Candidate> delete = new ArrayList<>();
        for (Candidate backup : backups) {
            // Anything newer than the newest verified backup may still be running or be retried: left alone.
            if (!keep.contains(backup.id()) && !backup.startedAt().isAfter(newestVerified)) {
                delete.add(backup);
            }
        }
        return delete;
    }

    /** The newest backup of each of the {@code count} most recent periods that have one. */
    private static Set<String> newestPerPeriod(List<Candidate> newestFirst, int count,
                                               Function<LocalDate, String> period) {
        Set<String> periods = new LinkedHashSet<>();
        Set<String> keep = new HashSet<>();
        for (Candidate backup : newestFirst) {
            String p = period.apply(LocalDate.ofInstant(backup.startedAt(), ZoneOffset.UTC));
            if (!periods.contains(p)) {
                if (periods.size() == count) {
                    break;
                }
                periods.add(p);
                keep.add(backup.id());
            }
        }
        return keep;
    }
}
