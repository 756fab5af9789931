package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class WorkoutLogApiTest {

    @Inject
    EntityManager em;

    @Test
    void aClientLogsSetsAndReadsThemBackNewestFirst() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        long template = Training.simpleTemplate(trainer.session(), "Legs");
        long copy = Training.assign(trainer.session(), client.id(), template);
        long squat = Training.exercise(admin, "Barbell Back Squat");
        long plank = Training.exercise(admin, "Plank");

        // Form strings, the three spellings of the load, a timed set, and a set not completed.
        JsonPath logged = client.session().as().body(Map.of("client_id", String.valueOf(client.id()),
                        "client_workout_id", String.valueOf(copy), "completed_date", "2026-11-20T18:30",
                        "duration_minutes", "55", "difficulty_rating", "7", "notes", "Felt strong", "sets", List.of(
                                Map.of("exercise_id", squat, "reps", "5", "weight", "60", "rpe", "7.5"),
                                Map.of("exercise_id", squat, "reps", 5, "load", 70),
                                Map.of("exercise_id", String.valueOf(squat), "reps", 3, "weight_kg", "80.5", "completed", false),
                                Map.of("exercise_id", plank, "duration_seconds", "60", "weight_kg", ""))))
                .post("/api/workouts/log").then().statusCode(201)
                .body("message", equalTo("Workout logged successfully"))
                .body("log.client_id", equalTo((int) client.id())).body("log.client_workout_id", equalTo((int) copy))
                .body("log.client_workout_version", equalTo(1)).body("log.workout_template_id", equalTo((int) template))
                .body("log.workout_name", equalTo("Legs")).body("log.completed", equalTo(true))
                .body("log.completed_date", equalTo("2026-11-20T18:30:00Z"))
                .body("log.duration_minutes", equalTo(55)).body("log.difficulty_rating", equalTo(7))
                .body("log.logged_by", equalTo((int) client.session().userId()))
                .body("log.sets.set_number", contains(1, 2, 3, 1))
                .body("log.sets.weight_kg", contains(60.0f, 70.0f, 80.5f, null))
                .body("log.sets[0].rpe", equalTo(7.5f)).body("log.sets[0].exercise_name", equalTo("Barbell Back Squat"))
                .body("log.sets[2].completed", equalTo(false)).body("log.sets[3].duration_seconds", equalTo(60))
                .extract().jsonPath();
        // The uncompleted 80.5 kg set is no record: the heaviest is 70.
        assertEquals(List.of("estimated_1rm", "max_weight", "best_set_volume", "best_session_volume"),
                logged.getList("new_records.record"));
        assertEquals(70.0f, logged.getFloat("new_records[1].value_kg"));

        // The trainer logs for their client too; an unassigned workout without a copy is fine.
        trainer.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template,
                        "completed_date", "2026-11-22"))
                .post("/api/workouts/log").then().statusCode(201)
                .body("log.client_workout_id", nullValue()).body("log.client_workout_version", nullValue())
                .body("log.sets", hasSize(0)).body("new_records", hasSize(0));
        client.session().as().body(Map.of("client_id", client.id())).post("/api/workouts/log").then().statusCode(201);

        client.session().as().get("/api/workouts/logs/" + client.id()).then().statusCode(200)
                .body("logs", hasSize(3)).body("logs[1].completed_date", equalTo("2026-11-22T00:00:00Z"))
                .body("logs[2].sets", hasSize(4)).body("logs[2].notes", equalTo("Felt strong"));
        client.session().as().get("/api/workouts/logs/" + client.id() + "?limit=1").then().body("logs", hasSize(1));
        client.session().as().get("/api/workouts/logs/" + client.id() + "?limit=0").then().statusCode(400)
                .body("details[0].field", equalTo("limit"));
        trainer.session().as().get("/api/workouts/logs/" + client.id()).then().statusCode(200).body("logs", hasSize(3));
    }

    @Test
    void badLogsAreRefusedWithFieldDetailsAndNothingIsStored() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Api.Person otherClient = Api.client(admin);
        long template = Training.simpleTemplate(admin, "T");
        long othersCopy = Training.assign(admin, otherClient.id(), template);
        long squat = Training.exercise(admin, "Barbell Back Squat");
        Api.Session stranger = Api.registerOrganization();
        long foreign = stranger.as().body(Map.of("name", "Foreign lift")).post("/api/workouts/exercises").then()
                .statusCode(201).extract().jsonPath().getLong("id");

        record Case(Map<String, Object> set, Map<String, Object> log, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("exercise_id", squat, "reps", -1), Map.of(), "sets[0].reps"),
                new Case(Map.of("exercise_id", squat, "duration_seconds", -30), Map.of(), "sets[0].duration_seconds"),
                new Case(Map.of("exercise_id", squat, "reps", 5, "weight_kg", 1500), Map.of(), "sets[0].weight_kg"),
                new Case(Map.of("exercise_id", squat, "reps", 5, "weight", "-20"), Map.of(), "sets[0].weight_kg"),
                new Case(Map.of("exercise_id", squat, "reps", 5, "rpe", 11), Map.of(), "sets[0].rpe"),
                new Case(Map.of("exercise_id", 99_999_999, "reps", 5), Map.of(), "sets[0].exercise_id"),
                new Case(Map.of("exercise_id", foreign, "reps", 5), Map.of(), "sets[0].exercise_id"),
                new Case(Map.of("reps", 5), Map.of(), "sets[0].exercise_id"),
                new Case(Map.of("exercise_id", squat, "reps", 5), Map.of("client_workout_id", othersCopy), "client_workout_id"),
                new Case(Map.of("exercise_id", squat, "reps", 5), Map.of("difficulty_rating", 11), "difficulty_rating"),
                new Case(Map.of("exercise_id", squat, "reps", 5), Map.of("difficulty_rating", 0), "difficulty_rating"),
                new Case(Map.of("exercise_id", squat, "reps", 5), Map.of("duration_minutes", -1), "duration_minutes"),
                new Case(Map.of("exercise_id", squat, "reps", 5), Map.of("completed_date", "2030-01-01"), "completed_date"),
                new Case(Map.of("exercise_id", squat, "reps", 5), Map.of("completed_date", "yesterday"), "completed_date"),
                new Case(Map.of("exercise_id", squat, "reps", "many"), Map.of(), "reps"));
        for (Case c : cases) {
            Map<String, Object> body = new java.util.HashMap<>(c.log());
            body.put("client_id", client.id());
            // A good set first, so a half-written log would show.
            body.put("sets", c.field().equals("reps") ? List.of(c.set())
                    : List.of(c.set(), Map.of("exercise_id", squat, "reps", 5, "weight_kg", 100)));
            client.session().as().body(body).post("/api/workouts/log").then().statusCode(400)
                    .body("details.field", hasItem(c.field().equals("reps") ? "sets[0].reps" : c.field()));
        }
        // Several problems at once are all named.
        client.session().as().body(Map.of("client_id", client.id(), "difficulty_rating", 12, "sets", List.of(
                        Map.of("exercise_id", squat, "reps", -1, "weight_kg", 2000))))
                .post("/api/workouts/log").then().statusCode(400)
                .body("details.field", containsInAnyOrder("difficulty_rating", "sets[0].reps", "sets[0].weight_kg"));
        client.session().as().body(Map.of("notes", "who?")).post("/api/workouts/log").then().statusCode(400)
                .body("details[0].field", equalTo("client_id"));
        assertEquals(0, count("select count(*) from workout_logs where organization_id = " + admin.organizationId()));
        assertEquals(0, count("select count(*) from workout_log_sets s join workout_logs l on l.id = s.workout_log_id"
                + " where l.organization_id = " + admin.organizationId()));
        assertEquals(0, count("select count(*) from personal_records where organization_id = " + admin.organizationId()));
    }

    @Test
    void onlyTheClientTheirTrainersAndAdminsLogAndRead() {
        Api.Session admin = Api.registerOrganization();
        Api.Person alex = Api.trainer(admin);
        Api.Person blair = Api.trainer(admin);
        Api.Person client = Api.client(alex.session());
        Api.Person otherClient = Api.client(blair.session());
        Map<String, Object> forClient = Map.of("client_id", client.id(), "notes", "x");

        otherClient.session().as().body(forClient).post("/api/workouts/log").then().statusCode(404);
        blair.session().as().body(forClient).post("/api/workouts/log").then().statusCode(404);
        Api.Session stranger = Api.registerOrganization();
        stranger.as().body(forClient).post("/api/workouts/log").then().statusCode(404);
        assertEquals(0, count("select count(*) from workout_logs where client_id = " + client.id()));

        client.session().as().body(forClient).post("/api/workouts/log").then().statusCode(201);
        alex.session().as().body(forClient).post("/api/workouts/log").then().statusCode(201);
        admin.as().body(forClient).post("/api/workouts/log").then().statusCode(201);
        for (String path : List.of("/api/workouts/logs/", "/api/workouts/records/", "/api/workouts/stats/",
                "/api/workouts/schedule/")) {
            otherClient.session().as().get(path + client.id()).then().statusCode(404);
            blair.session().as().get(path + client.id()).then().statusCode(404);
            stranger.as().get(path + client.id()).then().statusCode(404);
            client.session().as().get(path + client.id()).then().statusCode(200);
            alex.session().as().get(path + client.id()).then().statusCode(200);
        }
        admin.as().get("/api/workouts/logs/" + client.id()).then().body("logs", hasSize(3));
    }

    @Test
    void personalRecordsRiseWithHeavierSetsOnlyAndNameTheEpleyFormula() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long squat = Training.exercise(admin, "Barbell Back Squat");
        long bench = Training.exercise(admin, "Barbell Bench Press");

        JsonPath first = log(client, "2026-11-02T10:00", List.of(set(squat, 5, 100), set(squat, 5, 100), set(bench, 1, 90)));
        long firstLog = first.getLong("log.id");
        // 100 kg × (1 + 5/30) = 116.67 kg; a single is its own weight.
        client.session().as().get("/api/workouts/records/" + client.id()).then().statusCode(200)
                .body("records.exercise_name", contains("Barbell Back Squat", "Barbell Bench Press"))
                .body("records[0].estimated_1rm_kg", equalTo(116.67f))
                .body("records[0].estimated_1rm_formula", equalTo("epley"))
                .body("records[0].estimated_1rm_weight_kg", equalTo(100.0f)).body("records[0].estimated_1rm_reps", equalTo(5))
                .body("records[0].estimated_1rm_log_id", equalTo((int) firstLog))
                .body("records[0].estimated_1rm_date", equalTo("2026-11-02T10:00:00Z"))
                .body("records[0].max_weight_kg", equalTo(100.0f))
                .body("records[0].best_set_volume_kg", equalTo(500.0f))
                .body("records[0].best_session_volume_kg", equalTo(1000.0f))
                .body("records[1].estimated_1rm_kg", equalTo(90.0f));

        // Heavier: 110 × 3 → 110 × 33 / 30 = 121 kg, a new estimated max and heaviest weight; volume stays.
        JsonPath heavier = log(client, "2026-11-09T10:00", List.of(set(squat, 3, 110)));
        assertEquals(List.of("estimated_1rm", "max_weight"), heavier.getList("new_records.record"));
        assertEquals(121.0f, heavier.getFloat("new_records[0].value_kg"));
        assertEquals(116.67f, heavier.getFloat("new_records[0].previous_kg"));
        // Lighter: 90 × 5 → 105 kg estimated; breaks nothing.
        JsonPath lighter = log(client, "2026-11-16T10:00", List.of(set(squat, 5, 90)));
        assertEquals(List.of(), lighter.getList("new_records"));

        client.session().as().get("/api/workouts/records/" + client.id()).then()
                .body("records[0].estimated_1rm_kg", equalTo(121.0f))
                .body("records[0].estimated_1rm_log_id", equalTo(heavier.getInt("log.id")))
                .body("records[0].max_weight_kg", equalTo(110.0f)).body("records[0].max_weight_reps", equalTo(3))
                .body("records[0].best_set_volume_kg", equalTo(500.0f))
                .body("records[0].best_set_volume_log_id", equalTo((int) firstLog))
                .body("records[0].best_session_volume_log_id", equalTo((int) firstLog));
        // A bigger session volume from many lighter sets raises only that record.
        JsonPath volume = log(client, "2026-11-18T10:00", List.of(set(squat, 5, 80), set(squat, 5, 80), set(squat, 5, 80)));
        assertEquals(List.of("best_session_volume"), volume.getList("new_records.record"));
        client.session().as().get("/api/workouts/records/" + client.id()).then()
                .body("records[0].best_session_volume_kg", equalTo(1200.0f))
                .body("records[0].estimated_1rm_kg", not(equalTo(116.67f)));
    }

    private static Map<String, Object> set(long exercise, int reps, int kg) {
        return Map.of("exercise_id", exercise, "reps", reps, "weight_kg", kg);
    }

    private static JsonPath log(Api.Person client, String when, List<Map<String, Object>> sets) {
        return client.session().as().body(Map.of("client_id", client.id(), "completed_date", when, "sets", sets))
                .post("/api/workouts/log").then().statusCode(201).extract().jsonPath();
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
