package com.fitnesscrm.dashboard;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The dashboard, statistics and progress figures come from the read-model cache: a cached answer is the same JSON
 * as a computed one, every kind of write that changes a figure is seen by the next read, and a cached view is
 * never served to anyone but the caller it was computed for.
 */
@QuarkusTest
class ReadModelCacheTest {

    private static final String DASHBOARD = "/api/crm/dashboard";

    @Inject
    DataSource database;

    @Test
    void aCachedAnswerIsTheComputedJsonAndIsServedUntilAWriteChangesIt() throws SQLException {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        String progress = progressOf(client.id());
        long goal = client.session().as().body(Map.of("client_id", client.id(), "title", "Deadlift 100 kg"))
                .post("/api/goals").then().statusCode(201).extract().jsonPath().getLong("data.id");
        client.session().as().body(Map.of("client_id", String.valueOf(client.id()), "weight", "81.25"))
                .post("/api/measurements").then().statusCode(201);
        ReadModelFixtures.session(trainer, client, Instant.now().plus(Duration.ofDays(2)));

        for (Api.Session viewer : new Api.Session[]{client.session(), trainer.session(), admin}) {
            for (String path : List.of(progress, DASHBOARD)) {
                String computed = viewer.as().get(path).then().statusCode(200).extract().asString();
                String cached = viewer.as().get(path).then().statusCode(200).extract().asString();
                assertEquals(computed, cached, path + ": the cached JSON differs from the computed one");
            }
        }
        String stats = admin.as().get("/api/crm/stats").then().statusCode(200).extract().asString();
        assertEquals(stats, admin.as().get("/api/crm/stats").then().statusCode(200).extract().asString());

        // Behind the services' back the goal goes: the cached view still shows it, which proves it is cached...
        String before = client.session().as().get(progress).then().extract().asString();
        ReadModelFixtures.behindTheServices(database,
                "delete from goals where id = ?", goal);
        assertEquals(before, client.session().as().get(progress).then().statusCode(200).extract().asString());
        // ...and a write through the API is seen by the very next read.
        client.session().as().body(Map.of("client_id", client.id(), "title", "Run 10 km", "priority", "high"))
                .post("/api/goals").then().statusCode(201);
        client.session().as().get(progress).then().statusCode(200).body("goals.total_goals", equalTo(1))
                .body("goals.high_priority", equalTo(1)).body("latest_measurement.weight", equalTo(81.25f));
    }

    @Test
    void everyKindOfSessionWriteIsSeenByTheNextRead() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        upcoming(admin, 0);
        upcoming(trainer.session(), 0);
        upcoming(client.session(), 0);

        long first = ReadModelFixtures.session(trainer, client, Instant.now().plus(Duration.ofDays(1)));
        upcoming(admin, 1);
        upcoming(trainer.session(), 1);
        upcoming(client.session(), 1);
        client.session().as().get(progressOf(client.id())).then().body("next_session.id", equalTo((int) first));
        admin.as().get("/api/crm/stats").then().statusCode(200).body("sessions.upcoming_sessions", equalTo(1));

        long second = ReadModelFixtures.session(trainer, client, Instant.now().plus(Duration.ofDays(3)));
        upcoming(trainer.session(), 2);
        trainer.session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + first)
                .then().statusCode(200);
        upcoming(trainer.session(), 1);
        client.session().as().get(progressOf(client.id())).then().body("next_session.id", equalTo((int) second));
        admin.as().get("/api/crm/stats").then().body("sessions.upcoming_sessions", equalTo(1));
        admin.as().delete("/api/sessions/" + second).then().statusCode(200);
        upcoming(trainer.session(), 0);
        upcoming(client.session(), 0);
        client.session().as().get(progressOf(client.id())).then().body("next_session", nullValue());

        // A weekly series of four from tomorrow, then an edit of the whole series.
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        Map<String, Object> series = new HashMap<>();
        series.put("trainer_id", trainer.id());
        series.put("client_id", client.id());
        series.put("start_date", tomorrow.toString());
        series.put("start_time", "12:00");
        series.put("recurrence_pattern", "weekly");
        series.put("recurrence_days", List.of(tomorrow.getDayOfWeek().getValue() - 1));
        series.put("occurrences", 4);
        series.put("duration", "60");
        admin.as().body(series).post("/api/recurring-sessions").then().statusCode(201)
                .body("sessions_created", equalTo(4));
        upcoming(trainer.session(), 4);
        upcoming(client.session(), 4);
        List<Integer> ids = admin.as().get("/api/sessions?client_id=" + client.id() + "&status=scheduled")
                .then().statusCode(200).extract().jsonPath().getList("id");
        admin.as().delete("/api/sessions/" + ids.get(2) + "?scope=following").then().statusCode(200);
        upcoming(trainer.session(), 2);
        upcoming(admin, 2);
    }

    @Test
    void peopleAndAssignmentWritesChangeTheCounters() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        admin.as().get(DASHBOARD).then().statusCode(200).body("trainers_count", equalTo(2)) // the owner trains too
                .body("clients_count", equalTo(0)).body("assignments_count", equalTo(0));
        admin.as().get("/api/crm/stats").then().statusCode(200).body("total_clients", equalTo(0));
        trainer.session().as().get(DASHBOARD).then().body("clients_count", equalTo(0));

        Api.Person client = Api.client(admin);
        admin.as().get(DASHBOARD).then().body("clients_count", equalTo(1));
        admin.as().get("/api/crm/stats").then().body("total_clients", equalTo(1)).body("clients_assigned", equalTo(0));
        // Not theirs yet: the trainer may not read the client's progress.
        trainer.session().as().get(progressOf(client.id())).then().statusCode(404);

        long link = admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", client.id()))
                .post("/api/crm/assign").then().statusCode(201).extract().jsonPath().getLong("id");
        admin.as().get(DASHBOARD).then().body("assignments_count", equalTo(1));
        admin.as().get("/api/crm/stats").then().body("clients_assigned", equalTo(1));
        trainer.session().as().get(DASHBOARD).then().body("clients_count", equalTo(1));
        trainer.session().as().get(progressOf(client.id())).then().statusCode(200);
        client.session().as().get(DASHBOARD).then().body("trainers_count", equalTo(1));

        // Unassigned: the trainer's cached view of the client is gone with the link.
        admin.as().delete("/api/crm/assignments/" + link).then().statusCode(200);
        trainer.session().as().get(progressOf(client.id())).then().statusCode(404);
        trainer.session().as().get(DASHBOARD).then().body("clients_count", equalTo(0));
        client.session().as().get(DASHBOARD).then().body("trainers_count", equalTo(0));

        Api.trainer(admin);
        admin.as().get(DASHBOARD).then().body("trainers_count", equalTo(3));
        admin.as().delete("/api/clients/" + client.id()).then().statusCode(200);
        admin.as().get(DASHBOARD).then().body("clients_count", equalTo(0));
        admin.as().get("/api/crm/stats").then().body("total_clients", equalTo(0));
    }

    @Test
    void workoutsMeasurementsGoalsAndSettingsChangeTheProgressFigures() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        String progress = progressOf(client.id());
        for (Api.Session viewer : new Api.Session[]{client.session(), trainer.session()}) {
            viewer.as().get(progress).then().statusCode(200).body("workouts_this_week", equalTo(0))
                    .body("latest_measurement", nullValue()).body("goals.total_goals", equalTo(0))
                    .body("workouts.weeks[11].assigned", equalTo(0));
        }
        client.session().as().get(DASHBOARD).then().body("progress.workouts_this_week", equalTo(0));

        client.session().as().body(Map.of("client_id", client.id())).post("/api/workouts/log").then().statusCode(201);
        client.session().as().get(progress).then().body("workouts_this_week", equalTo(1));
        trainer.session().as().get(progress).then().body("workouts_this_week", equalTo(1));
        client.session().as().get(DASHBOARD).then().body("progress.workouts_this_week", equalTo(1));

        long template = template(trainer.session());
        long copy = trainer.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template,
                        "frequency_per_week", 3, "start_date", LocalDate.now(ZoneOffset.UTC).minusDays(7).toString()))
                .post("/api/workouts/assign").then().statusCode(201).extract().jsonPath().getLong("assignment.id");
        trainer.session().as().get(progress).then().body("workouts.weeks[11].assigned", equalTo(3));
        trainer.session().as().body(Map.of("frequency_per_week", 2)).put("/api/workouts/assignments/" + copy)
                .then().statusCode(200);
        trainer.session().as().get(progress).then().body("workouts.weeks[11].assigned", equalTo(2));
        client.session().as().get(DASHBOARD).then().body("progress.workouts.weeks[11].assigned", equalTo(2));

        long measurement = client.session().as().body(Map.of("client_id", String.valueOf(client.id()),
                        "weight", "80", "weight_unit", "kg")).post("/api/measurements").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        client.session().as().get(progress).then().body("latest_measurement.weight", equalTo(80.0f));
        trainer.session().as().body(Map.of("weight", "79.5")).put("/api/measurements/" + measurement)
                .then().statusCode(200);
        client.session().as().get(progress).then().body("latest_measurement.weight", equalTo(79.5f));
        // The reader's unit system is part of the figures: the client switches to pounds, the trainer keeps kg.
        client.session().as().body(Map.of("unit_system", "imperial")).put("/api/settings").then().statusCode(200);
        client.session().as().get(progress).then().body("latest_measurement.weight_unit", equalTo("lbs"));
        trainer.session().as().get(progress).then().body("latest_measurement.weight_unit", equalTo("kg"));
        trainer.session().as().delete("/api/measurements/" + measurement).then().statusCode(200);
        client.session().as().get(progress).then().body("latest_measurement", nullValue());

        JsonPath goal = client.session().as().body(Map.of("client_id", client.id(), "title", "Run 5 km",
                "priority", "high")).post("/api/goals").then().statusCode(201).extract().jsonPath();
        long goalId = goal.getLong("data.id");
        trainer.session().as().get(progress).then().body("goals.total_goals", equalTo(1))
                .body("goals.active_goals", equalTo(1));
        trainer.session().as().body(Map.of("status", "completed")).put("/api/goals/" + goalId).then().statusCode(200);
        client.session().as().get(progress).then().body("goals.completed_goals", equalTo(1))
                .body("goals.active_goals", equalTo(0));
        client.session().as().delete("/api/goals/" + goalId).then().statusCode(200);
        trainer.session().as().get(progress).then().body("goals.total_goals", equalTo(0));
    }

    @Test
    void cachingNeverWidensWhoSeesWhat() {
        Api.Session admin = Api.registerOrganization();
        Api.Person alex = Api.trainer(admin);
        Api.Person blair = Api.trainer(admin);
        Api.Person alexsClient = Api.client(alex.session());
        Api.Person blairsClient = Api.client(blair.session());
        Api.Session stranger = Api.registerOrganization();
        String progress = progressOf(alexsClient.id());

        // Warm every view first, so a leak would be a cached answer served to the wrong caller.
        String alexsView = alex.session().as().get(progress).then().statusCode(200).extract().asString();
        alexsClient.session().as().get(progress).then().statusCode(200);
        admin.as().get(progress).then().statusCode(200);
        for (Api.Session viewer : new Api.Session[]{admin, alex.session(), blair.session(), alexsClient.session(),
                blairsClient.session(), stranger}) {
            viewer.as().get(DASHBOARD).then().statusCode(200);
        }
        String strangerDashboard = stranger.as().get(DASHBOARD).then().extract().asString();

        for (int round = 0; round < 2; round++) {
            for (Api.Session outsider : new Api.Session[]{blair.session(), blairsClient.session(), stranger}) {
                outsider.as().get(progress).then().statusCode(404);
            }
            alex.session().as().get(DASHBOARD).then().body("clients_count", equalTo(1));
            blair.session().as().get(DASHBOARD).then().body("clients_count", equalTo(1));
            admin.as().get(DASHBOARD).then().body("clients_count", equalTo(2));
            alexsClient.session().as().get(DASHBOARD).then()
                    .body("progress.client_id", equalTo((int) alexsClient.id()));
            blairsClient.session().as().get(DASHBOARD).then()
                    .body("progress.client_id", equalTo((int) blairsClient.id()));
            stranger.as().get(DASHBOARD).then().body("clients_count", equalTo(0)).body("trainers_count", equalTo(1));
            stranger.as().get("/api/crm/stats").then().body("total_clients", equalTo(0));
        }

        // Right after a write: each sees their own change and nobody else's.
        long booked = ReadModelFixtures.session(alex, alexsClient, Instant.now().plus(Duration.ofDays(1)));
        alexsClient.session().as().body(Map.of("client_id", alexsClient.id())).post("/api/workouts/log")
                .then().statusCode(201);
        String alexsNewView = alex.session().as().get(progress).then().statusCode(200)
                .body("next_session.id", equalTo((int) booked)).body("workouts_this_week", equalTo(1))
                .extract().asString();
        assertNotEquals(alexsView, alexsNewView);
        upcoming(alex.session(), 1);
        upcoming(alexsClient.session(), 1);
        upcoming(admin, 1);
        upcoming(blair.session(), 0);
        upcoming(blairsClient.session(), 0);
        blairsClient.session().as().get(DASHBOARD).then().body("progress.workouts_this_week", equalTo(0));
        for (Api.Session outsider : new Api.Session[]{blair.session(), blairsClient.session(), stranger}) {
            outsider.as().get(progress).then().statusCode(404);
        }
        assertEquals(strangerDashboard, stranger.as().get(DASHBOARD).then().extract().asString());
    }

    private static String progressOf(long clientId) {
        return "/api/clients/" + clientId + "/progress";
    }

    private static void upcoming(Api.Session viewer, int expected) {
        viewer.as().get(DASHBOARD).then().statusCode(200).body("sessions.upcoming_sessions", equalTo(expected));
    }

    private static long template(Api.Session trainer) {
        List<Map<String, Object>> found = trainer.as().queryParam("search", "Push-Up").queryParam("per_page", 100)
                .get("/api/workouts/exercises").then().statusCode(200).extract().jsonPath().getList("exercises");
        long pushUp = ((Number) found.get(0).get("id")).longValue();
        return trainer.as().body(Map.of("name", "Cache plan", "exercises",
                        List.of(Map.of("exercise_id", pushUp, "order", 1, "sets", 3, "reps", "10"))))
                .post("/api/workouts/templates").then().statusCode(201).extract().jsonPath().getLong("template.id");
    }

}
