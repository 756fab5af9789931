package com.fitnesscrm.backups.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention: 7 daily, 4 weekly, 12 monthly, and nothing deleted until a newer backup is verified. */
class BackupRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-03T03:30:00Z");

    /** A verified backup every day for 400 days, newest first. */
    static List<BackupRetention.Candidate> daily(int days) {
        List<BackupRetention.Candidate> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            out.add(new BackupRetention.Candidate("day-" + d, NOW.minus(Duration.ofDays(d)), true));
        }
        return out;
    }

    static Set<String> kept(List<BackupRetention.Candidate> all, List<BackupRetention.Candidate> deleted) {
        Set<String> gone = deleted.stream().map(BackupRetention.Candidate::id).collect(Collectors.toSet());
        return all.stream().map(BackupRetention.Candidate::id).filter(id -> !gone.contains(id))
                .collect(Collectors.toSet());
    }

    @Test
    void keepsSevenDailyFourWeeklyAndTwelveMonthly() {
        List<BackupRetention.Candidate> all = daily(400);
        Set<String> kept = kept(all, BackupRetention.toDelete(all, 7, 4, 12));
        // The last 7 days.
        for (int d = 0; d < 7; d++) {
            assertTrue(kept.contains("day-" + d), "day " + d);
        }
        // 2026-12-03 is a Thursday: the newest of the 4 most recent ISO weeks are today, and the Sundays before.
        assertTrue(kept.contains("day-4") && kept.contains("day-11") && kept.contains("day-18"), kept.toString());
        // 12 months: the newest of each (the 30th/31st of the earlier months, today for December).
        assertTrue(kept.contains("day-3"), "Nov 30"); // also a daily
        assertTrue(kept.contains("day-33"), "Oct 31");
        assertTrue(kept.contains("day-306"), "Jan 31, 2026 (the 12th month)");
        assertTrue(!kept.contains("day-337"), "Dec 31, 2025 is the 13th month");
        // Nothing beyond those: 7 daily, 2 more weekly (Nov 22, Nov 15; Nov 29 is a daily), 10 more monthly.
        assertEquals(7 + 2 + 10, kept.size(), kept.toString());
    }

    @Test
    void nothingIsDeletedWhileNoBackupIsVerified() {
        List<BackupRetention.Candidate> all = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            all.add(new BackupRetention.Candidate("failed-" + d, NOW.minus(Duration.ofDays(d)), false));
        }
        assertEquals(List.of(), BackupRetention.toDelete(all, 7, 4, 12));
    }

    @Test
    void failedAttemptsNewerThanTheNewestVerifiedOneAreLeftAlone() {
        List<BackupRetention.Candidate> all = new ArrayList<>(daily(10));
        all.add(new BackupRetention.Candidate("failed-today", NOW.plus(Duration.ofHours(1)), false));
        all.add(new BackupRetention.Candidate("failed-old", NOW.minus(Duration.ofDays(2)).plusSeconds(60), false));
        Set<String> deleted = BackupRetention.toDelete(all, 7, 4, 12).stream()
                .map(BackupRetention.Candidate::id).collect(Collectors.toSet());
        assertTrue(!deleted.contains("failed-today"));
        assertTrue(deleted.contains("failed-old"));
    }
}
