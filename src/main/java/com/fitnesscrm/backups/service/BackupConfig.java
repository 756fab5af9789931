package com.fitnesscrm.backups.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Backups (BACKUP_* variables, OPS_API_TOKEN): off while no encryption key is set. */
@ConfigMapping(prefix = "app.backup")
public interface BackupConfig {

    /** Base64 of 32 random bytes (BACKUP_ENCRYPTION_KEY); without it no backup is taken. */
    Optional<String> encryptionKey();

    /** Written into each object's header, so a backup names the key that opens it (BACKUP_KEY_ID). */
    @WithDefault("backup-1")
    String keyId();

    /**
     * Keys of earlier backups, for restoring them after a rotation (BACKUP_PREVIOUS_KEYS): comma-separated
     * {@code keyId:base64Key} pairs.
     */
    Optional<String> previousKeys();

    /** When the daily backup runs (Quartz-style cron, UTC; BACKUP_CRON). */
    @WithDefault("0 30 3 * * ?")
    String cron();

    /** A scheduled run is skipped when a backup succeeded this recently (another replica's, or a manual one). */
    @WithDefault("PT12H")
    Duration minimumInterval();

    /** Where pg_dump and pg_restore are, when not in /usr/lib/postgresql/MAJOR/bin or on the PATH (PG_BIN_DIR). */
    Optional<String> pgBinDir();

    /** Longest a dump or a restore may take before it is stopped and the backup marked failed. */
    @WithDefault("PT2H")
    Duration timeout();

    /** The operator token of the management endpoints (OPS_API_TOKEN); they answer 404 while it is unset. */
    Optional<String> opsToken();

    Retention retention();

    interface Retention {
        @WithDefault("7")
        int daily();

        @WithDefault("4")
        int weekly();

        @WithDefault("12")
        int monthly();
    }
}
