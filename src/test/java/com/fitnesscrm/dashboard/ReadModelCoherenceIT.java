package com.fitnesscrm.dashboard;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas, one database and one Redis: a write on instance A is seen by the next read on instance B, whose
 * cache was warm. Both are the packaged application ({@code target/quarkus-app/quarkus-run.jar}, so Failsafe runs
 * this after {@code package}) in the test profile, on free ports; A migrates the schema, B only uses it.
 *
 * <p>Run alone (with the same {@code -D%test...} overrides as the unit tests, which are passed on to both
 * instances):
 * {@code ./mvnw -B verify -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ReadModelCoherenceIT}
 */
class ReadModelCoherenceIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String DEFAULT_DB_URL =
            "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=fitnesscrm_test,public";
    // A packaged start takes seconds; generous for a machine busy with other builds.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("it.start-timeout-seconds", 180));

    @Test
    void aWriteOnOneInstanceIsSeenByTheNextReadOnTheOther() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run after package");
        Process a = null;
        Process b = null;
        try {
            int portA = freePort();
            a = start("a", portA, List.of());
            awaitReady(a, portA);
            int portB = freePort();
            // B must not clean the schema A made (the test profile cleans at start).
            b = start("b", portB, List.of("-D%test.quarkus.flyway.clean-at-start=false",
                    "-D%test.quarkus.flyway.migrate-at-start=false"));
            awaitReady(b, portB);

            String email = "coherence-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
            String password = "Str0ng-Passw0rd!2026";
            JsonPath registered = given().baseUri(url(portA)).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", password, "name", "Casey Coherence",
                            "organization_name", "Two replicas"))
                    .post("/api/auth/register").then().statusCode(201).extract().jsonPath();
            String token = registered.getString("token");
            long clientId = as(portA, token).body(Map.of("name", "Robin Replica", "email", "r-" + email))
                    .post("/api/clients").then().statusCode(201).extract().jsonPath().getLong("id");
            String progress = "/api/clients/" + clientId + "/progress";
            long goal = 0;
            for (String title : List.of("Squat 100 kg", "Run 5 km")) {
                goal = as(portA, token).body(Map.of("client_id", clientId, "title", title)).post("/api/goals")
                        .then().statusCode(201).extract().jsonPath().getLong("data.id");
            }

            // B computes and caches.
            as(portB, token).get("/api/crm/dashboard").then().statusCode(200).body("clients_count", equalTo(1));
            as(portB, token).get(progress).then().statusCode(200).body("goals.total_goals", equalTo(2))
                    .body("goals.high_priority", equalTo(0));
            // Behind both instances' backs a goal goes: B still answers from its cache, so B really caches.
            try (Connection connection = DriverManager.getConnection(databaseUrl(), "postgres", "");
                 PreparedStatement delete = connection.prepareStatement("delete from goals where id = ?")) {
                delete.setLong(1, goal);
                delete.executeUpdate();
            }
            as(portB, token).get(progress).then().statusCode(200).body("goals.total_goals", equalTo(2));

            // Writes on A; the next reads on B see them.
            as(portA, token).body(Map.of("client_id", clientId, "title", "Plank 2 min", "priority", "high"))
                    .post("/api/goals").then().statusCode(201);
            as(portB, token).get(progress).then().statusCode(200).body("goals.total_goals", equalTo(2))
                    .body("goals.high_priority", equalTo(1));
            as(portA, token).body(Map.of("name", "Sam Second", "email", "s-" + email))
                    .post("/api/clients").then().statusCode(201);
            as(portB, token).get("/api/crm/dashboard").then().statusCode(200).body("clients_count", equalTo(2))
                    .body("sessions.upcoming_sessions", equalTo(0));
            long trainerId = as(portA, token).get("/api/trainers").then().statusCode(200).extract().jsonPath()
                    .getLong("trainers[0].id");
            as(portA, token).body(Map.of("trainer_id", trainerId, "client_id", clientId,
                            "session_date", Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES)
                                    .toString(), "duration", 60, "override_conflicts", true))
                    .post("/api/sessions").then().statusCode(201);
            as(portB, token).get("/api/crm/dashboard").then().statusCode(200)
                    .body("sessions.upcoming_sessions", equalTo(1));
            as(portB, token).get(progress).then().statusCode(200).body("next_session.client_id", equalTo((int) clientId));
        } finally {
            stop(b);
            stop(a);
        }
    }

    private static RequestSpecification as(int port, String token) {
        return given().baseUri(url(port)).contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The packaged app in the test profile, with this JVM's {@code %test.*} and {@code quarkus.*} overrides. */
    private static Process start(String name, int port, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.profile=test");
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("%test.") || key.startsWith("quarkus."))
                .filter(key -> !key.startsWith("quarkus.http."))
                .sorted()
                .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-D%test.quarkus.http.port=" + port);
        // Two instances side by side: each takes a free management port, and neither writes the test log file.
        command.add("-Dquarkus.management.port=0");
        command.add("-Dquarkus.log.file.enabled=false");
        command.addAll(extra);
        command.add("-jar");
        command.add(JAR.toString());
        File log = Path.of("target", "read-model-coherence-" + name + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void awaitReady(Process process, int port) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the instance on port " + port + " exited (" + process.exitValue()
                        + "); see target/read-model-coherence-*.log");
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url(port) + "/q/health/live").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the instance on port " + port + " did not start within " + START_TIMEOUT);
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String databaseUrl() {
        return System.getProperty("%test.quarkus.datasource.jdbc.url", DEFAULT_DB_URL);
    }
}
