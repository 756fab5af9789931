package com.fitnesscrm;

import com.fitnesscrm.backups.service.BackupService;
import com.fitnesscrm.backups.service.PostgresTarget;
import com.fitnesscrm.common.security.SecretRotation;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The service's entry point: with no arguments, the API server. Operator commands (deploy/ops.sh runs them with
 * the server parts switched off; docs/operations.md):
 * <ul>
 *   <li>{@code restore <backup-id> --target <url>}: the disaster-recovery restore. The backup is read from storage,
 *   decrypted, restored into the empty target database and its census compared with the dump's;</li>
 *   <li>{@code rotate-secrets}: re-seals every stored secret still sealed with a key of ENCRYPTION_KEY_PREVIOUS.</li>
 * </ul>
 */
@QuarkusMain
public class FitnessCrmMain implements QuarkusApplication {

    @Inject
    BackupService backups;

    @Inject
    SecretRotation secretRotation;

    public static void main(String... args) {
        Quarkus.run(FitnessCrmMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if ("rotate-secrets".equals(args[0])) {
            SecretRotation.Outcome outcome = secretRotation.resealAll();
            outcome.resealed().forEach((column, n) -> System.out.println("  " + column + ": " + n + " re-sealed"));
            outcome.unreadable().forEach((column, n) -> System.err.println("  " + column + ": " + n
                    + " opened by no configured key (left as they are)"));
            System.out.println(outcome.total() + " secret(s) now sealed with the current ENCRYPTION_KEY.");
            return outcome.unreadable().isEmpty() ? 0 : 1;
        }
        if (!"restore".equals(args[0])) {
            System.err.println("Unknown command " + args[0] + ". Commands: restore <backup-id> --target"
                    + " <database-url>; rotate-secrets");
            return 2;
        }
        // The target's URL is best given as RESTORE_TARGET_URL (and its password as PGPASSWORD): a command line is
        // visible to every user of the machine (ps) and kept in shell histories.
        int target = Arrays.asList(args).indexOf("--target");
        String url = args.length == 4 && target == 2 ? args[3] : System.getenv("RESTORE_TARGET_URL");
        if (args.length < 2 || url == null || url.isBlank() || (args.length != 2 && args.length != 4)) {
            System.err.println("Usage: restore <backup-id> [--target <database-url>] (or RESTORE_TARGET_URL)");
            return 2;
        }
        PostgresTarget into = PostgresTarget.parse(url, null, System.getenv("PGPASSWORD"));
        System.out.println("Restoring backup " + args[1] + " into " + into.describe() + " ...");
        BackupService.RestoreOutcome outcome;
        try {
            outcome = backups.restoreInto(args[1], into);
        } catch (IOException | SQLException | BackupService.BackupsOff e) {
            // An operator's mistake or a broken object, not a bug: the reason, without a stack trace.
            System.err.println("Restore failed: " + e.getMessage());
            return 1;
        }
        outcome.census().forEach((table, figures) -> System.out.println("  " + table + ": " + figures.rows() + " rows"));
        if (outcome.identical()) {
            System.out.println("Restored in " + outcome.took().toMillis() + " ms: every table's row count and key"
                    + " checksum match the backup's.");
            return 0;
        }
        System.err.println("Restored, but the census differs from the backup's:");
        outcome.differences().forEach(d -> System.err.println("  " + d));
        return 1;
    }
}
