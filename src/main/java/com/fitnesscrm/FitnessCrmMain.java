package com.fitnesscrm;

import com.fitnesscrm.backups.service.BackupService;
import com.fitnesscrm.backups.service.PostgresTarget;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

import java.util.Arrays;

/**
 * The service's entry point: with no arguments, the API server; with {@code restore <backup-id> --target <url>},
 * the disaster-recovery restore (deploy/restore.sh runs it with the server parts switched off): the backup is read
 * from storage, decrypted, restored into the empty target database and its census compared with the dump's.
 */
@QuarkusMain
public class FitnessCrmMain implements QuarkusApplication {

    @Inject
    BackupService backups;

    public static void main(String... args) {
        Quarkus.run(FitnessCrmMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (!"restore".equals(args[0])) {
            System.err.println("Unknown command " + args[0] + ". Usage: restore <backup-id> --target <database-url>");
            return 2;
        }
        int target = Arrays.asList(args).indexOf("--target");
        if (args.length != 4 || target != 2) {
            System.err.println("Usage: restore <backup-id> --target <database-url>");
            return 2;
        }
        PostgresTarget into = PostgresTarget.parse(args[3], null, null);
        System.out.println("Restoring backup " + args[1] + " into " + into.describe() + " ...");
        BackupService.RestoreOutcome outcome = backups.restoreInto(args[1], into);
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
