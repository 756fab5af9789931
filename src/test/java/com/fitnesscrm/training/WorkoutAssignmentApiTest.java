package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class WorkoutAssignmentApiTest {

    @Test
    void adjustingAClientsCopyVersionsItAndLeavesTheTemplateAlone() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        long template = Training.simpleTemplate(trainer.session(), "Strength A");
        long squat = Training.exercise(admin, "Barbell Back Squat");
        long plank = Training.exercise(admin, "Plank");

        // The trainer portal's spelling: template_id and trainer_id, ids as form strings.
        JsonPath assigned = trainer.session().as().body(Map.of("client_id", String.valueOf(client.id()),
                        "template_id", String.valueOf(template), "trainer_id", "999", "start_date", "2026-12-01",
                        "end_date", "2026-12-31T00:00:00.000Z", "frequency_per_week", "3", "notes", "Go steady"))
                .post("/api/workouts/assign").then().statusCode(201)
                .body("message", equalTo("Workout assigned successfully"))
                .body("assignment.client_id", equalTo((int) client.id()))
                .body("assignment.workout_template_id", equalTo((int) template))
                .body("assignment.workout_template.name", equalTo("Strength A"))
                .body("assignment.workout_template.exercises", nullValue())
                .body("assignment.assigned_by", equalTo((int) trainer.session().userId()))
                .body("assignment.start_date", equalTo("2026-12-01")).body("assignment.end_date", equalTo("2026-12-31"))
                .body("assignment.frequency_per_week", equalTo(3)).body("assignment.status", equalTo("active"))
                .body("assignment.version", equalTo(1))
                .body("assignment.exercises.exercise.name", contains("Barbell Back Squat", "Push-Up"))
                .extract().jsonPath();
        long copy = assigned.getLong("assignment.id");

        JsonPath firstLog = client.session().as().body(Map.of("client_id", client.id(), "client_workout_id", copy,
                        "sets", List.of(Map.of("exercise_id", squat, "reps", 5, "weight_kg", 60))))
                .post("/api/workouts/log").then().statusCode(201)
                .body("log.client_workout_version", equalTo(1))
                .body("log.workout_template_id", equalTo((int) template)).extract().jsonPath();

        // The trainer adjusts the client's copy: heavier squats, a plank instead of the push-ups.
        trainer.session().as().body(Map.of("notes", "Adjusted", "exercises", List.of(
                        Map.of("exercise_id", squat, "order", 1, "sets", 5, "reps", "5"),
                        Map.of("exercise_id", plank, "order", 2, "sets", 3, "duration_seconds", 60))))
                .put("/api/workouts/assignments/" + copy).then().statusCode(200)
                .body("message", equalTo("Assignment updated successfully"))
                .body("assignment.version", equalTo(2)).body("assignment.notes", equalTo("Adjusted"))
                .body("assignment.exercises.exercise.name", contains("Barbell Back Squat", "Plank"))
                .body("assignment.exercises.version", everyItem(equalTo(2)))
                .body("assignment.exercises[0].sets", equalTo(5));
        // Sending the same list again is no change: no new version.
        trainer.session().as().body(Map.of("exercises", List.of(
                        Map.of("exercise_id", squat, "order", 1, "sets", 5, "reps", "5"),
                        Map.of("exercise_id", plank, "order", 2, "sets", 3, "duration_seconds", 60))))
                .put("/api/workouts/assignments/" + copy).then().statusCode(200).body("assignment.version", equalTo(2));

        // The template is untouched.
        trainer.session().as().get("/api/workouts/templates/" + template).then()
                .body("exercises.exercise.name", contains("Barbell Back Squat", "Push-Up"))
                .body("exercises.sets", contains(3, 3));

        client.session().as().body(Map.of("client_id", client.id(), "client_workout_id", copy))
                .post("/api/workouts/log").then().statusCode(201).body("log.client_workout_version", equalTo(2));
        // The earlier log still names the version it was done against, and that version is kept as it was.
        client.session().as().get("/api/workouts/logs/" + client.id()).then().statusCode(200)
                .body("logs.client_workout_version", contains(2, 1))
                .body("logs[1].id", equalTo(firstLog.getInt("log.id")));
        client.session().as().get("/api/workouts/assignments/" + copy + "/versions").then().statusCode(200)
                .body("versions.version", contains(1, 2))
                .body("versions[0].exercises.exercise.name", contains("Barbell Back Squat", "Push-Up"))
                .body("versions[0].exercises.sets", contains(3, 3))
                .body("versions[1].exercises.exercise.name", contains("Barbell Back Squat", "Plank"));

        // The client reads their assignments (active by default), with their own copy's exercises.
        client.session().as().get("/api/workouts/assignments/" + client.id()).then().statusCode(200)
                .body("assignments", hasSize(1)).body("assignments[0].version", equalTo(2))
                .body("assignments[0].workout_template.description", nullValue())
                .body("assignments[0].exercises", hasSize(2));
        client.session().as().get("/api/workouts/assignments/" + client.id() + "?status=paused").then()
                .body("assignments", hasSize(0));
        client.session().as().get("/api/workouts/assignments/" + client.id() + "?status=all").then()
                .body("assignments", hasSize(1));
        client.session().as().get("/api/workouts/assignments/" + client.id() + "?status=gone").then().statusCode(400);
        // …but may not change it.
        client.session().as().body(Map.of("notes", "mine")).put("/api/workouts/assignments/" + copy).then().statusCode(403);
    }

    @Test
    void onlyTheClientsTrainersAndAdminsAssignAndOnlyTheyAndTheClientRead() {
        Api.Session admin = Api.registerOrganization();
        Api.Person alex = Api.trainer(admin);
        Api.Person blair = Api.trainer(admin);
        Api.Person client = Api.client(alex.session());
        Api.Person otherClient = Api.client(blair.session());
        long template = Training.template(alex.session(), Map.of("name", "Public", "is_public", true));
        long privateOfBlair = Training.template(blair.session(), Map.of("name", "Blair's"));
        long copy = Training.assign(alex.session(), client.id(), template);

        // A trainer who does not train the client, another client, another organization: 404.
        blair.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template))
                .post("/api/workouts/assign").then().statusCode(404);
        blair.session().as().get("/api/workouts/assignments/" + client.id()).then().statusCode(404);
        blair.session().as().body(Map.of("notes", "x")).put("/api/workouts/assignments/" + copy).then().statusCode(404);
        otherClient.session().as().get("/api/workouts/assignments/" + client.id()).then().statusCode(404);
        otherClient.session().as().get("/api/workouts/assignments/" + copy + "/versions").then().statusCode(404);
        Api.Session stranger = Api.registerOrganization();
        stranger.as().get("/api/workouts/assignments/" + client.id()).then().statusCode(404);
        stranger.as().body(Map.of("notes", "x")).put("/api/workouts/assignments/" + copy).then().statusCode(404);
        stranger.as().body(Map.of("client_id", client.id(), "workout_template_id", template))
                .post("/api/workouts/assign").then().statusCode(404);
        // Clients do not assign, not even to themselves.
        client.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template))
                .post("/api/workouts/assign").then().statusCode(403);

        // Templates the trainer may not use, and bad fields, are 400s naming the field.
        alex.session().as().body(Map.of("client_id", client.id(), "workout_template_id", privateOfBlair))
                .post("/api/workouts/assign").then().statusCode(400).body("details[0].field", equalTo("workout_template_id"));
        alex.session().as().body(Map.of("client_id", client.id())).post("/api/workouts/assign").then().statusCode(400)
                .body("details[0].field", equalTo("workout_template_id"));
        alex.session().as().body(Map.of("workout_template_id", template)).post("/api/workouts/assign").then()
                .statusCode(400).body("details[0].field", equalTo("client_id"));
        alex.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template, "status", "done",
                        "frequency_per_week", 0, "schedule_days", List.of(7), "start_date", "2026-12-10",
                        "end_date", "2026-12-01"))
                .post("/api/workouts/assign").then().statusCode(400)
                .body("details.field", contains("status", "frequency_per_week", "schedule_days", "end_date"));
        alex.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template, "start_date", "soon"))
                .post("/api/workouts/assign").then().statusCode(400).body("details[0].field", equalTo("start_date"));
        alex.session().as().body(Map.of("exercises", List.of(Map.of("exercise_id", 99_999_999))))
                .put("/api/workouts/assignments/" + copy).then().statusCode(400)
                .body("details[0].field", equalTo("exercises[0].exercise_id"));
        admin.as().get("/api/workouts/assignments/" + client.id()).then().body("assignments", hasSize(1))
                .body("assignments[0].version", equalTo(1));
    }

    @Test
    void aProgramBecomesCopiesAndADatedScheduleWithRestDays() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        long upper = Training.simpleTemplate(trainer.session(), "Upper");
        long lower = Training.simpleTemplate(trainer.session(), "Lower");

        trainer.session().as().body(Map.of("name", "Bad", "duration_weeks", 1, "days", List.of(
                        Map.of("day", 8, "workout_template_id", upper), Map.of("day", 1, "workout_template_id", upper),
                        Map.of("day", 1, "workout_template_id", 99_999_999))))
                .post("/api/workouts/programs").then().statusCode(400)
                .body("details.field", contains("days[0].day", "days[2].day", "days[2].workout_template_id"));
        client.session().as().body(Map.of("name", "Mine", "duration_weeks", 1)).post("/api/workouts/programs").then()
                .statusCode(403);

        JsonPath program = trainer.session().as().body(Map.of("name", "Two-week split", "duration_weeks", "2",
                        "description", "Upper/lower", "days", List.of(
                                Map.of("day", 1, "workout_template_id", upper),
                                Map.of("day", "3", "workout_template_id", String.valueOf(lower)),
                                Map.of("day", 5, "workout_template_id", upper),
                                Map.of("day", 9, "workout_template_id", lower))))
                .post("/api/workouts/programs").then().statusCode(201)
                .body("message", equalTo("Program created successfully"))
                .body("program.workout_days", equalTo(4)).body("program.rest_days", equalTo(10))
                .body("program.days.day", contains(1, 3, 5, 9)).body("program.days.week", contains(1, 1, 1, 2))
                .body("program.days[3].day_of_week", equalTo(2))
                .body("program.days[1].workout_template.name", equalTo("Lower"))
                .extract().jsonPath();
        long programId = program.getLong("program.id");
        trainer.session().as().get("/api/workouts/programs").then().statusCode(200)
                .body("programs.id", contains((int) programId)).body("total", equalTo(1));
        // Shrinking the program below its days is refused.
        trainer.session().as().body(Map.of("duration_weeks", 1)).put("/api/workouts/programs/" + programId).then()
                .statusCode(400).body("details[0].field", equalTo("duration_weeks"));

        client.session().as().get("/api/workouts/programs/" + programId).then().statusCode(404);
        JsonPath assigned = trainer.session().as().body(Map.of("client_id", client.id(), "program_id", programId,
                        "start_date", "2026-12-07", "assigned_by", "1"))
                .post("/api/workouts/assign").then().statusCode(201)
                .body("message", equalTo("Program assigned successfully"))
                .body("assignment.workout_template.name", equalTo("Upper"))
                .body("assignments.workout_template.name", contains("Upper", "Lower"))
                .body("assignments.version", contains(1, 1))
                .body("program_assignment.start_date", equalTo("2026-12-07"))
                .body("program_assignment.end_date", equalTo("2026-12-20"))
                .body("scheduled_workouts.scheduled_date", contains("2026-12-07", "2026-12-09", "2026-12-11", "2026-12-15"))
                .body("scheduled_workouts.workout_name", contains("Upper", "Lower", "Upper", "Lower"))
                .body("scheduled_workouts.program_day", contains(1, 3, 5, 9))
                .extract().jsonPath();
        long upperCopy = assigned.getLong("assignments[0].id");
        client.session().as().get("/api/workouts/programs/" + programId).then().statusCode(200);
        client.session().as().get("/api/workouts/schedule/" + client.id() + "?start_date=2026-12-08&end_date=2026-12-31")
                .then().statusCode(200)
                .body("scheduled_workouts.scheduled_date", contains("2026-12-09", "2026-12-11", "2026-12-15"))
                .body("scheduled_workouts.client_workout_id[1]", equalTo((int) upperCopy))
                .body("scheduled_workouts.completed", everyItem(equalTo(false)));
        // Changing the program later does not change what the client was given.
        trainer.session().as().body(Map.of("days", List.of(Map.of("day", 2, "workout_template_id", upper))))
                .put("/api/workouts/programs/" + programId).then().statusCode(200).body("program.days.day", contains(2));
        client.session().as().get("/api/workouts/schedule/" + client.id() + "?start_date=2026-12-01&end_date=2026-12-31")
                .then().body("scheduled_workouts", hasSize(4));
        // Pausing one copy cancels its dates still ahead; resuming restores them.
        trainer.session().as().body(Map.of("status", "paused")).put("/api/workouts/assignments/" + upperCopy).then()
                .statusCode(200);
        client.session().as().get("/api/workouts/schedule/" + client.id() + "?start_date=2026-12-01&end_date=2026-12-31")
                .then().body("scheduled_workouts.cancelled", contains(true, false, true, false));
        trainer.session().as().body(Map.of("status", "active")).put("/api/workouts/assignments/" + upperCopy).then()
                .statusCode(200);
        client.session().as().get("/api/workouts/schedule/" + client.id() + "?start_date=2026-12-01&end_date=2026-12-31")
                .then().body("scheduled_workouts.cancelled", everyItem(equalTo(false)));
        trainer.session().as().body(Map.of("schedule_days", List.of(1))).put("/api/workouts/assignments/" + upperCopy)
                .then().statusCode(400).body("details[0].field", equalTo("schedule_days"));

        trainer.session().as().delete("/api/workouts/programs/" + programId).then().statusCode(200);
        trainer.session().as().get("/api/workouts/programs/" + programId).then().statusCode(404);
        client.session().as().get("/api/workouts/assignments/" + client.id()).then().body("assignments", hasSize(2));
    }

    @Test
    void aWeekdayScheduleBecomesDatedWorkouts() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long template = Training.simpleTemplate(admin, "Mon/Wed");
        LocalDate monday = LocalDate.parse("2026-12-07");
        admin.as().body(Map.of("client_id", client.id(), "workout_template_id", template, "schedule_days", List.of(2, 0),
                        "start_date", monday.toString(), "end_date", monday.plusDays(13).toString()))
                .post("/api/workouts/assign").then().statusCode(201)
                .body("assignment.schedule_days", contains(0, 2))
                .body("scheduled_workouts.scheduled_date", contains("2026-12-07", "2026-12-09", "2026-12-14", "2026-12-16"));
        // Without an end date the schedule runs 12 weeks (the template has no duration_weeks).
        admin.as().body(Map.of("client_id", client.id(), "workout_template_id", template, "schedule_days", List.of(6),
                        "start_date", "2027-01-04"))
                .post("/api/workouts/assign").then().statusCode(201)
                .body("assignment.end_date", equalTo("2027-03-28")).body("scheduled_workouts", hasSize(12));
        // A paused assignment keeps its dates, cancelled until it is resumed.
        long paused = admin.as().body(Map.of("client_id", client.id(), "workout_template_id", template,
                        "schedule_days", List.of(4), "start_date", "2027-01-04", "end_date", "2027-01-17", "status", "paused"))
                .post("/api/workouts/assign").then().statusCode(201)
                .body("scheduled_workouts.cancelled", contains(true, true)).extract().jsonPath().getLong("assignment.id");
        admin.as().body(Map.of("status", "active")).put("/api/workouts/assignments/" + paused).then().statusCode(200);
        admin.as().get("/api/workouts/schedule/" + client.id() + "?start_date=2027-01-04&end_date=2027-01-17").then()
                .body("scheduled_workouts.scheduled_date", contains("2027-01-08", "2027-01-10", "2027-01-15", "2027-01-17"))
                .body("scheduled_workouts.cancelled", everyItem(equalTo(false)));
        // A date picker's toISOString() (midnight UTC) is that date, also for a client west of Greenwich.
        client.session().as().body(Map.of("user_time_zone", "America/New_York")).put("/api/settings").then().statusCode(200);
        admin.as().body(Map.of("client_id", client.id(), "workout_template_id", template,
                        "start_date", "2027-02-01T00:00:00.000Z", "end_date", "2027-02-28T00:00"))
                .post("/api/workouts/assign").then().statusCode(201)
                .body("assignment.start_date", equalTo("2027-02-01")).body("assignment.end_date", equalTo("2027-02-28"));
    }

    @Test
    void simultaneousEditsAndLogsQueueInsteadOfColliding() throws Exception {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long template = Training.simpleTemplate(admin, "Busy");
        long copy = Training.assign(admin, client.id(), template);
        long squat = Training.exercise(admin, "Barbell Back Squat");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int sets = i + 1;
                results.add(pool.submit(() -> admin.as().body(Map.of("exercises", List.of(Map.of("exercise_id", squat,
                        "sets", sets)))).put("/api/workouts/assignments/" + copy).then().extract().statusCode()));
                // The first logs of a new exercise create its record row concurrently.
                results.add(pool.submit(() -> client.session().as().body(Map.of("client_id", client.id(),
                        "sets", List.of(Map.of("exercise_id", squat, "reps", 5, "weight_kg", 50 + sets))))
                        .post("/api/workouts/log").then().extract().statusCode()));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                org.junit.jupiter.api.Assertions.assertTrue(List.of(200, 201).contains(result.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        admin.as().get("/api/workouts/assignments/" + copy + "/versions").then()
                .body("versions.version", contains(1, 2, 3, 4, 5));
        client.session().as().get("/api/workouts/records/" + client.id()).then()
                .body("records", hasSize(1)).body("records[0].max_weight_kg", equalTo(54.0f));
    }
}
