package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Bad input found by review: each was a 500 (or stored work without bound) before the fix. */
@QuarkusTest
class TrainingInputRegressionTest {

    @Test
    void fieldsOfListElementsAreValidatedAndNamedNotAServerError() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        long squat = Training.exercise(admin, "Barbell Back Squat");

        // reps is varchar(50): a longer one reached the insert and failed as a 500.
        trainer.session().as().body(Map.of("name", "Too long", "exercises",
                        List.of(Map.of("exercise_id", squat, "reps", "8".repeat(51)))))
                .post("/api/workouts/templates").then().statusCode(400)
                .body("details.field", hasItem("exercises[0].reps"));
        trainer.session().as().get("/api/workouts/templates").then().statusCode(200).body("total", equalTo(0));

        long template = Training.simpleTemplate(trainer.session(), "Base");
        long copy = Training.assign(trainer.session(), client.id(), template);
        trainer.session().as().body(Map.of("exercises", List.of(Map.of("exercise_id", squat, "tempo", "3".repeat(21)))))
                .put("/api/workouts/assignments/" + copy).then().statusCode(400)
                .body("details.field", hasItem("exercises[0].tempo"));
        trainer.session().as().get("/api/workouts/assignments/" + copy + "/versions").then().statusCode(200)
                .body("versions", hasSize(1));

        client.session().as().body(Map.of("client_id", client.id(), "sets",
                        List.of(Map.of("exercise_id", squat, "reps", 5, "notes", "n".repeat(2001)))))
                .post("/api/workouts/log").then().statusCode(400).body("details.field", hasItem("sets[0].notes"));
        client.session().as().get("/api/workouts/logs/" + client.id()).then().statusCode(200).body("logs", hasSize(0));
    }

    @Test
    void aNulCharacterIsABadRequestNotAServerError() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long squat = Training.exercise(admin, "Barbell Back Squat");

        // PostgreSQL refuses NUL in text: the insert, and a search with it, failed as 500s.
        admin.as().body(Map.of("name", "Leg\u0000day")).post("/api/workouts/templates").then().statusCode(400)
                .body("details[0].field", equalTo("name"));
        admin.as().body(Map.of("client_id", client.id(), "sets",
                        List.of(Map.of("exercise_id", squat, "notes", "a\u0000b"))))
                .post("/api/workouts/log").then().statusCode(400).body("details[0].field", equalTo("sets[0].notes"));
        admin.as().urlEncodingEnabled(false).get("/api/workouts/exercises?search=a%00b").then().statusCode(400)
                .body("error", equalTo("Text must not contain NUL characters"));
        admin.as().get("/api/workouts/templates").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void changingAScheduledAssignmentsDatesIsBoundedLikeAssigning() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        long template = Training.simpleTemplate(trainer.session(), "Daily");
        long copy = trainer.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template,
                        "schedule_days", List.of(0, 1, 2, 3, 4, 5, 6)))
                .post("/api/workouts/assign").then().statusCode(201).extract().jsonPath().getLong("assignment.id");

        // Assigning refuses a schedule over 366 days; the edit planned ten years of daily workouts (3,650 rows).
        trainer.session().as().body(Map.of("end_date", "2036-12-31")).put("/api/workouts/assignments/" + copy)
                .then().statusCode(400).body("details.field", hasItem("end_date"));
        trainer.session().as().get("/api/workouts/schedule/" + client.id()
                        + "?start_date=2030-01-01&end_date=2030-12-31").then().statusCode(200)
                .body("scheduled_workouts", hasSize(0));
    }

    @Test
    void aPageBeyondAnyListIsABadRequestNotAnOverflow() {
        Api.Session admin = Api.registerOrganization();
        // (page - 1) × per_page overflowed int: a negative offset, a 500.
        for (String list : List.of("/api/workouts/exercises", "/api/workouts/templates", "/api/workouts/programs",
                "/api/files", "/api/measurements")) {
            admin.as().get(list + "?page=2147483647&per_page=1000").then().statusCode(400)
                    .body("details[0].field", equalTo("page"));
        }
        admin.as().get("/api/workouts/exercises?page=2&per_page=100").then().statusCode(200)
                .body("current_page", equalTo(2));
    }

    @Test
    void secondaryMusclesLongerThanTheirColumnTogetherAreABadRequest() {
        Api.Session admin = Api.registerOrganization();
        // Each name within its 50 characters, but joined they overflowed exercises.secondary_muscles (300): a 500.
        List<String> muscles = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> String.valueOf((char) ('a' + i)).repeat(50)).toList();
        admin.as().body(Map.of("name", "Everything", "secondary_muscles", muscles)).post("/api/workouts/exercises")
                .then().statusCode(400).body("details[0].field", equalTo("secondary_muscles"));
        admin.as().body(Map.of("name", "Everything", "secondary_muscles", muscles.subList(0, 5)))
                .post("/api/workouts/exercises").then().statusCode(201).body("secondary_muscles", hasSize(5));
    }
}
