package com.fitnesscrm.backups.api;

import java.time.Instant;
import java.util.Map;

/** One backup as the operator endpoints list it. */
public record BackupView(
        String id,
        String status,
        boolean verified,
        String trigger,
        Instant startedAt,
        Instant dumpedAt,
        Instant verifiedAt,
        Long sizeBytes,
        String keyId,
        String serverVersion,
        /* Rows per table at dump time (and, when verified, after the restore: the same). */
        Map<String, Long> rowCounts,
        Double dumpSeconds,
        Double verifySeconds,
        String error,
        Instant deletedAt) {
}
