package com.fitnesscrm.dashboard;

import com.fitnesscrm.support.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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

    @Test
    void aWriteOnOneInstanceIsSeenByTheNextReadOnTheOther() throws Exception {
        try (PackagedApp a = PackagedApp.start("read-model-coherence-a", List.of());
             // B must not clean the schema A made (the test profile cleans at start).
             PackagedApp b = PackagedApp.start("read-model-coherence-b", List.of(
                     "-D%test.quarkus.flyway.clean-at-start=false", "-D%test.quarkus.flyway.migrate-at-start=false"))) {

            String email = "coherence-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
            String password = "Str0ng-Passw0rd!2026";
            JsonPath registered = given().baseUri(a.url()).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", password, "name", "Casey Coherence",
                            "organization_name", "Two replicas"))
                    .post("/api/auth/register").then().statusCode(201).extract().jsonPath();
            String token = registered.getString("token");
            long clientId = as(a, token).body(Map.of("name", "Robin Replica", "email", "r-" + email))
                    .post("/api/clients").then().statusCode(201).extract().jsonPath().getLong("id");
            String progress = "/api/clients/" + clientId + "/progress";
            long goal = 0;
            for (String title : List.of("Squat 100 kg", "Run 5 km")) {
                goal = as(a, token).body(Map.of("client_id", clientId, "title", title)).post("/api/goals")
                        .then().statusCode(201).extract().jsonPath().getLong("data.id");
            }

            // B computes and caches.
            as(b, token).get("/api/crm/dashboard").then().statusCode(200).body("clients_count", equalTo(1));
            as(b, token).get(progress).then().statusCode(200).body("goals.total_goals", equalTo(2))
                    .body("goals.high_priority", equalTo(0));
            // Behind both instances' backs a goal goes: B still answers from its cache, so B really caches.
            try (Connection connection = DriverManager.getConnection(PackagedApp.databaseUrl(), "postgres", "");
                 PreparedStatement delete = connection.prepareStatement("delete from goals where id = ?")) {
                delete.setLong(1, goal);
                delete.executeUpdate();
            }
            as(b, token).get(progress).then().statusCode(200).body("goals.total_goals", equalTo(2));

            // Writes on A; the next reads on B see them.
            as(a, token).body(Map.of("client_id", clientId, "title", "Plank 2 min", "priority", "high"))
                    .post("/api/goals").then().statusCode(201);
            as(b, token).get(progress).then().statusCode(200).body("goals.total_goals", equalTo(2))
                    .body("goals.high_priority", equalTo(1));
            as(a, token).body(Map.of("name", "Sam Second", "email", "s-" + email))
                    .post("/api/clients").then().statusCode(201);
            as(b, token).get("/api/crm/dashboard").then().statusCode(200).body("clients_count", equalTo(2))
                    .body("sessions.upcoming_sessions", equalTo(0));
            long trainerId = as(a, token).get("/api/trainers").then().statusCode(200).extract().jsonPath()
                    .getLong("trainers[0].id");
            as(a, token).body(Map.of("trainer_id", trainerId, "client_id", clientId,
                            "session_date", Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES)
                                    .toString(), "duration", 60, "override_conflicts", true))
                    .post("/api/sessions").then().statusCode(201);
            as(b, token).get("/api/crm/dashboard").then().statusCode(200)
                    .body("sessions.upcoming_sessions", equalTo(1));
            as(b, token).get(progress).then().statusCode(200).body("next_session.client_id", equalTo((int) clientId));
        }
    }

    private static RequestSpecification as(PackagedApp app, String token) {
        return given().baseUri(app.url()).contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }
}
