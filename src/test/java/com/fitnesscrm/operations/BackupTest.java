package com.fitnesscrm.operations;

import com.fitnesscrm.backups.service.BackupService;
import com.fitnesscrm.backups.service.PostgresTarget;
import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backups end to end, against the real PostgreSQL and pg_dump/pg_restore: the operator starts one on the management
 * port, it is dumped, encrypted, stored, restored into a scratch database and verified; it then restores into a
 * fresh database with identical counts and key checksums; a tampered object does not restore; a second backup
 * cannot start while one runs; and none of it is reachable without the operator token or on the public port.
 */
@QuarkusTest
class BackupTest {

    static final String TOKEN = "test-ops-token-0123456789";

    @Inject
    BackupService backups;

    static RequestSpecification ops() {
        return given().baseUri(Metrics.managementUrl()).port(-1).header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void aBackupIsVerifiedAndRestoresIntoAFreshDatabaseIdentically() throws Exception {
        // Some data of our own, so the census has rows to count.
        Api.Session admin = Api.registerOrganization();
        Api.trainer(admin);
        Api.client(admin);

        JsonPath started = ops().post("/q/ops/backups").then().statusCode(202)
                .body("status", equalTo("running")).body("trigger", equalTo("manual"))
                .body("key_id", equalTo("test-key-1")).extract().jsonPath();
        String id = started.getString("id");

        JsonPath done = awaitFinished(id);
        assertEquals("verified", done.getString("status"), () -> "backup failed: " + done.getString("error"));
        assertTrue(done.getBoolean("verified"));
        assertTrue(done.getLong("size_bytes") > 1000, "size " + done.getLong("size_bytes"));
        Map<String, Integer> rows = done.getMap("row_counts");
        assertTrue(rows.get("\"fitnesscrm_test\".\"organizations\"") >= 1, rows::toString);
        assertTrue(rows.get("\"fitnesscrm_test\".\"clients\"") >= 1, rows::toString);
        ops().get("/q/ops/backups").then().statusCode(200).body("backups.id", hasItem(id));

        // The stored object is ciphertext: no table name or email of the dump is readable in it.
        Path object = storedObject(id);
        byte[] bytes = Files.readAllBytes(object);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("FCRMBK01"), "header");
        assertTrue(!text.contains("organizations") && !text.contains(admin.email()), "plaintext in the object");

        // Disaster recovery: restore into a brand-new database; same rows, same keys.
        String fresh = "fitnesscrm_restore_" + Long.toHexString(System.nanoTime());
        admin("create database " + fresh);
        try {
            BackupService.RestoreOutcome outcome = backups.restoreInto(id, target(fresh));
            assertEquals(List.of(), outcome.differences());
            assertEquals(rows.size(), outcome.census().size());
            outcome.census().forEach((table, figures) ->
                    assertEquals(rows.get(table).longValue(), figures.rows(), table));
            // Into a database that already has the tables: refused, nothing overwritten.
            IOException again = assertThrows(IOException.class, () -> backups.restoreInto(id, target(fresh)));
            assertTrue(again.getMessage().contains("already has tables"), again.getMessage());
        } finally {
            admin("drop database if exists " + fresh + " with (force)");
        }

        // A tampered object fails to restore (the GCM tag of its segment no longer matches).
        byte[] tampered = bytes.clone();
        tampered[tampered.length / 2] ^= 0x01;
        Files.write(object, tampered);
        String scratch = "fitnesscrm_restore_" + Long.toHexString(System.nanoTime());
        admin("create database " + scratch);
        try {
            Exception failure = assertThrows(Exception.class, () -> backups.restoreInto(id, target(scratch)));
            assertTrue(String.valueOf(failure.getMessage()).toLowerCase().matches("(?s).*(tag mismatch|decrypt).*"),
                    failure.toString());
        } finally {
            admin("drop database if exists " + scratch + " with (force)");
            Files.write(object, bytes);
        }
    }

    @Test
    void aFailedBackupIsMarkedWithItsReasonAndRetentionDeletesNothing() throws Exception {
        String good = ops().post("/q/ops/backups").then().statusCode(202).extract().jsonPath().getString("id");
        assertEquals("verified", awaitFinished(good).getString("status"));
        // The storage breaks: where the backups directory was, there is a file.
        Path directory = storedObject(good).getParent();
        Path aside = directory.resolveSibling("backups-aside");
        Files.move(directory, aside);
        Files.writeString(directory, "not a directory");
        try {
            String broken = ops().post("/q/ops/backups").then().statusCode(202).extract().jsonPath().getString("id");
            JsonPath failed = awaitFinished(broken);
            assertEquals("failed", failed.getString("status"));
            assertTrue(failed.getString("error") != null && !failed.getString("error").isBlank(), failed.prettify());
            assertEquals(false, failed.getBoolean("verified"));
        } finally {
            Files.delete(directory);
            Files.move(aside, directory);
        }
        // The earlier backup is untouched: still verified, not deleted, its object in place.
        JsonPath earlier = ops().get("/q/ops/backups/" + good).then().statusCode(200).extract().jsonPath();
        assertEquals("verified", earlier.getString("status"));
        assertEquals(null, earlier.getString("deleted_at"));
        assertTrue(Files.exists(storedObject(good)));
    }

    @Test
    void onlyOneBackupRunsAtATime() {
        String first = ops().post("/q/ops/backups").then().statusCode(202).extract().jsonPath().getString("id");
        // While it runs (it holds the database lock every replica takes), another cannot start.
        ops().post("/q/ops/backups").then().statusCode(409).body("code", equalTo("backup_running"));
        assertEquals("verified", awaitFinished(first).getString("status"));
    }

    @Test
    void theBackupEndpointsNeedTheOperatorTokenAndAreNotOnThePublicPort() {
        given().baseUri(Metrics.managementUrl()).port(-1).get("/q/ops/backups").then().statusCode(401)
                .body("code", equalTo("unauthorized"));
        given().baseUri(Metrics.managementUrl()).port(-1).header("Authorization", "Bearer wrong-token")
                .post("/q/ops/backups").then().statusCode(401);
        Api.Session admin = Api.registerOrganization();
        admin.as().get("/q/ops/backups").then().statusCode(404);
        admin.as().header("Authorization", "Bearer " + TOKEN).post("/q/ops/backups").then().statusCode(404);
    }

    static JsonPath awaitFinished(String id) {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            JsonPath backup = ops().get("/q/ops/backups/" + id).then().statusCode(200).extract().jsonPath();
            String status = backup.getString("status");
            if ("verified".equals(status) || "failed".equals(status)) {
                return backup;
            }
            ErrorTrackingTest.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("backup " + id + " did not finish");
    }

    static Path storedObject(String id) {
        String dir = ConfigProvider.getConfig().getValue("app.storage.local-dir", String.class);
        return Path.of(dir, "backups", id + ".dump.enc");
    }

    static PostgresTarget target(String database) {
        return PostgresTarget.parse("postgres://postgres@127.0.0.1:5432/" + database, null, null);
    }

    static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
