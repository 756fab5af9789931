package com.fitnesscrm.operations;

import com.fitnesscrm.support.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator commands as an operator runs them: {@code deploy/ops.sh} around the packaged jar, in the production
 * profile, configured only by environment variables. A server (the packaged app in the test profile) takes a
 * backup through the operator endpoint; then, with the server gone, {@code ops.sh restore} brings that backup into
 * a new, empty database and checks it, and {@code ops.sh rotate-secrets} moves the restored copy's stored secrets
 * to a new ENCRYPTION_KEY.
 *
 * <p>Run alone: {@code ./mvnw -B verify -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OpsCommandIT}
 */
class OpsCommandIT {

    private static final String OPS_TOKEN = "test-ops-token-0123456789";
    private static final String SERVER = "postgres://postgres@127.0.0.1:5432/";
    private static final Path DEV_KEYS = Path.of(".dev-keys");

    @Test
    void aBackupRestoresThroughTheRestoreCommandAndItsSecretsRotateToANewKey() throws Exception {
        String backupId;
        long clientId;
        try (PackagedApp app = PackagedApp.start("ops-command-server", List.of())) {
            String email = "drill-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
            String token = given().baseUri(app.url()).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", "Str0ng-Passw0rd!2026", "name", "Dana Drill",
                            "organization_name", "Restore drill"))
                    .post("/api/auth/register").then().statusCode(201).extract().jsonPath().getString("token");
            clientId = given().baseUri(app.url()).contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                    .body(Map.of("name", "Rory Restored", "email", "r-" + email))
                    .post("/api/clients").then().statusCode(201).extract().jsonPath().getLong("id");
            // A stored secret (sealed with the dev ENCRYPTION_KEY) for the rotation below.
            given().baseUri(app.url()).header("Authorization", "Bearer " + token)
                    .post("/api/calendar/feed").then().statusCode(201);

            backupId = given().baseUri(app.managementUrl()).header("Authorization", "Bearer " + OPS_TOKEN)
                    .post("/q/ops/backups").then().statusCode(202).extract().jsonPath().getString("id");
            JsonPath finished = awaitFinished(app, backupId);
            assertEquals("verified", finished.getString("status"), finished.prettify());
        }

        String database = "fitnesscrm_ops_it_" + Long.toHexString(System.nanoTime());
        admin("create database " + database);
        try {
            Result restore = ops(Map.of("RESTORE_TARGET_URL", SERVER + database), "restore", backupId);
            assertEquals(0, restore.exit(), restore.output());
            assertTrue(restore.output().contains("every table's row count and key checksum match"), restore.output());
            String restoredUrl = "jdbc:postgresql://127.0.0.1:5432/" + database + "?currentSchema=fitnesscrm_test";
            assertEquals("Rory Restored", single(restoredUrl, "select name from clients where id = " + clientId));
            String sealedBefore = single(restoredUrl, "select token_ciphertext from calendar_feeds");

            String previousKey = Files.readString(DEV_KEYS.resolve("encryption.key")).trim();
            String newKey = randomKey();
            String restoredDatabase = SERVER + database + "?currentSchema=fitnesscrm_test";
            Result rotate = ops(Map.of("DATABASE_URL", restoredDatabase, "ENCRYPTION_KEY", newKey,
                    "ENCRYPTION_KEY_PREVIOUS", previousKey), "rotate-secrets");
            assertEquals(0, rotate.exit(), rotate.output());
            assertTrue(rotate.output().contains("calendar_feeds.token_ciphertext: 1 re-sealed"), rotate.output());
            assertNotEquals(sealedBefore, single(restoredUrl, "select token_ciphertext from calendar_feeds"));

            // The previous key alone no longer opens it: the secret really is under the new key.
            Result oldKeyOnly = ops(Map.of("DATABASE_URL", restoredDatabase, "ENCRYPTION_KEY", previousKey),
                    "rotate-secrets");
            assertEquals(1, oldKeyOnly.exit(), oldKeyOnly.output());
            assertTrue(oldKeyOnly.output().contains("opened by no configured key"), oldKeyOnly.output());
            // And the new key alone has nothing left to do.
            Result again = ops(Map.of("DATABASE_URL", restoredDatabase, "ENCRYPTION_KEY", newKey), "rotate-secrets");
            assertEquals(0, again.exit(), again.output());
            assertTrue(again.output().contains("0 secret(s) now sealed"), again.output());
        } finally {
            admin("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void aBackupThatDoesNotExistIsRefusedWithoutTouchingTheTarget() throws Exception {
        String database = "fitnesscrm_ops_it_" + Long.toHexString(System.nanoTime());
        admin("create database " + database);
        try {
            Result restore = ops(Map.of("RESTORE_TARGET_URL", SERVER + database), "restore", "no-such-backup");
            assertEquals(1, restore.exit(), restore.output());
            assertTrue(restore.output().contains("Restore failed: No backup no-such-backup in storage"), restore.output());
            assertTrue(!restore.output().contains("\tat "), "no stack trace: " + restore.output());
            assertEquals("0", single("jdbc:postgresql://127.0.0.1:5432/" + database,
                    "select count(*) from pg_namespace where nspname = 'fitnesscrm_test'"));
        } finally {
            admin("drop database if exists " + database + " with (force)");
        }
    }

    record Result(int exit, String output) {
    }

    /**
     * {@code deploy/ops.sh} with a production environment: nothing inherited that could point it elsewhere, keys
     * and storage as the test server used them.
     */
    private static Result ops(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/ops.sh"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("DATABASE_")
                || name.startsWith("RESTORE_") || name.startsWith("ENCRYPTION_") || name.startsWith("BACKUP_")
                || name.startsWith("STORAGE") || name.startsWith("S3_") || name.startsWith("PG"));
        env.put("APP", PackagedApp.JAR.toString());
        env.put("JAVA", PackagedApp.javaBinary());
        env.put("JWT_PRIVATE_KEY", Files.readString(DEV_KEYS.resolve("jwt-private.pem")));
        env.put("ENCRYPTION_KEY", Files.readString(DEV_KEYS.resolve("encryption.key")).trim());
        env.put("REDIS_URL", "redis://127.0.0.1:6379/0");
        env.put("BACKUP_ENCRYPTION_KEY", testProperty("app.backup.encryption-key"));
        env.put("BACKUP_KEY_ID", testProperty("app.backup.key-id"));
        env.put("STORAGE", "local");
        env.put("STORAGE_LOCAL_DIR", Path.of(testProperty("app.storage.local-dir")).toAbsolutePath().toString());
        env.putAll(environment);
        Process process = builder.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ops.sh " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The test profile's value of a property, as the test server had it. */
    private static String testProperty(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        String value = System.getProperty("%test." + name, properties.getProperty("%test." + name));
        if (value == null) {
            throw new AssertionError("%test." + name + " is not set");
        }
        return value;
    }

    private static JsonPath awaitFinished(PackagedApp app, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonPath backup = given().baseUri(app.managementUrl()).header("Authorization", "Bearer " + OPS_TOKEN)
                    .get("/q/ops/backups/" + id).then().statusCode(200).extract().jsonPath();
            String status = backup.getString("status");
            if ("verified".equals(status) || "failed".equals(status)) {
                return backup;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("backup " + id + " did not finish");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String single(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
