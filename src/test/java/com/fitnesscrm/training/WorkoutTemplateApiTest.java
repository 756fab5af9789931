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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class WorkoutTemplateApiTest {

    @Inject
    EntityManager em;

    @Test
    void aTrainerCreatesReadsChangesAndDeletesATemplateInTheSpaShapes() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        long squat = Training.exercise(admin, "Barbell Back Squat");
        long pushUp = Training.exercise(admin, "Push-Up");
        // The admin form: form strings, created_by the SPA's fallback "1", the keys the old app dropped.
        Map<String, Object> body = Map.ofEntries(Map.entry("name", "Full body A"), Map.entry("created_by", "1"),
                Map.entry("description", "Twice a week"), Map.entry("category", "Strength"),
                Map.entry("difficulty_level", "Intermediate"), Map.entry("duration_minutes", "45"),
                Map.entry("duration_weeks", "4"), Map.entry("image_url", "https://img.example/a.png"),
                Map.entry("video_url", ""), Map.entry("is_public", "false"),
                Map.entry("exercises", List.of(
                        Map.of("exercise_id", String.valueOf(squat), "order", "2", "sets", "3", "reps", "8-12",
                                "rest_seconds", "90", "weight", "60 kg", "tempo", "3-1-1-0", "notes", "Belt on"),
                        Map.of("exercise_id", pushUp, "order", 1, "sets", 3, "reps", 10, "duration_seconds", ""))));
        JsonPath created = trainer.session().as().body(body).post("/api/workouts/templates").then().statusCode(201)
                .body("message", equalTo("Workout template created successfully"))
                .body("template.created_by", equalTo((int) trainer.session().userId()))
                .body("template.difficulty", equalTo("intermediate"))
                .body("template.difficulty_level", equalTo("intermediate"))
                .body("template.category", equalTo("strength"))
                .body("template.duration_weeks", equalTo(4)).body("template.duration_minutes", equalTo(45))
                .body("template.image_url", equalTo("https://img.example/a.png"))
                .body("template.video_url", nullValue()).body("template.is_public", equalTo(false))
                .extract().jsonPath();
        long id = created.getLong("template.id");

        trainer.session().as().get("/api/workouts/templates/" + id).then().statusCode(200)
                .body("id", equalTo((int) id)).body("name", equalTo("Full body A"))
                .body("exercise_count", equalTo(2))
                .body("exercises.exercise.name", contains("Push-Up", "Barbell Back Squat"))
                .body("exercises.order", contains(1, 2))
                .body("exercises[0].reps", equalTo("10")).body("exercises[0].workout_template_id", equalTo((int) id))
                .body("exercises[1].reps", equalTo("8-12")).body("exercises[1].weight", equalTo("60 kg"))
                .body("exercises[1].tempo", equalTo("3-1-1-0")).body("exercises[1].rest_seconds", equalTo(90))
                .body("exercises[1].exercise.category", equalTo("strength"));

        long newer = Training.template(trainer.session(), Map.of("name", "Conditioning", "category", "hiit"));
        trainer.session().as().get("/api/workouts/templates").then().statusCode(200)
                .body("templates.id", contains((int) newer, (int) id)).body("total", equalTo(2))
                .body("pages", equalTo(1)).body("current_page", equalTo(1))
                .body("templates[1].exercises", nullValue()).body("templates[1].exercise_count", equalTo(2));
        trainer.session().as().get("/api/workouts/templates?category=HIIT&search=cond").then()
                .body("templates.id", contains((int) newer));
        trainer.session().as().get("/api/workouts/templates?per_page=1&page=2").then()
                .body("templates.id", contains((int) id)).body("pages", equalTo(2)).body("current_page", equalTo(2));

        // PUT without exercises keeps them; with exercises replaces the whole list.
        trainer.session().as().body(Map.of("name", "Full body A+", "is_public", true)).put("/api/workouts/templates/" + id)
                .then().statusCode(200).body("message", equalTo("Workout template updated successfully"))
                .body("template.name", equalTo("Full body A+")).body("template.exercises", hasSize(2));
        trainer.session().as().body(Map.of("exercises", List.of(Map.of("exercise_id", squat, "sets", 5, "reps", "5"))))
                .put("/api/workouts/templates/" + id).then().statusCode(200)
                .body("template.exercises", hasSize(1)).body("template.exercises[0].sets", equalTo(5))
                .body("template.exercises[0].order", equalTo(1));

        admin.as().get("/api/workouts/categories").then().statusCode(200)
                .body("categories", hasItem(Map.of("value", "strength", "label", "Strength")))
                .body("categories", hasItem(Map.of("value", "hiit", "label", "HIIT")));

        trainer.session().as().delete("/api/workouts/templates/" + newer).then().statusCode(200)
                .body("message", equalTo("Workout template deleted successfully"));
        trainer.session().as().get("/api/workouts/templates/" + newer).then().statusCode(404).body("error", equalTo("Workout template not found"));
    }

    @Test
    void privateTemplatesBelongToTheirCreatorPublicOnesToTheOrganization() {
        Api.Session admin = Api.registerOrganization();
        Api.Person alex = Api.trainer(admin);
        Api.Person blair = Api.trainer(admin);
        long mine = Training.template(alex.session(), Map.of("name", "Alex private"));
        long shared = Training.template(alex.session(), Map.of("name", "Alex public", "is_public", true));
        long blairs = Training.template(blair.session(), Map.of("name", "Blair private"));

        blair.session().as().get("/api/workouts/templates/" + mine).then().statusCode(404);
        blair.session().as().get("/api/workouts/templates/" + shared).then().statusCode(200);
        blair.session().as().get("/api/workouts/templates").then().body("templates.id", contains((int) blairs, (int) shared));
        // Another trainer's public template is read-only; the private one does not exist for them.
        blair.session().as().body(Map.of("name", "Mine now")).put("/api/workouts/templates/" + shared).then().statusCode(403);
        blair.session().as().body(Map.of("name", "Mine now")).put("/api/workouts/templates/" + mine).then().statusCode(404);
        blair.session().as().delete("/api/workouts/templates/" + shared).then().statusCode(403);

        // Admins see and edit everything; the SPA's filters.
        admin.as().get("/api/workouts/templates").then().body("total", equalTo(3));
        admin.as().get("/api/workouts/templates?user_id=" + blair.session().userId()).then()
                .body("templates.id", contains((int) blairs, (int) shared));
        admin.as().get("/api/workouts/templates?created_by=" + alex.id()).then()
                .body("templates.id", contains((int) shared, (int) mine));
        admin.as().get("/api/workouts/templates?show_public=true").then().body("templates.id", contains((int) shared));
        admin.as().get("/api/workouts/templates?show_public=false").then().body("total", equalTo(2));
        blair.session().as().get("/api/workouts/templates?created_by=" + blair.id() + "&show_public=true").then()
                .body("templates.id", contains((int) blairs, (int) shared));
        admin.as().body(Map.of("description", "Checked")).put("/api/workouts/templates/" + mine).then().statusCode(200);

        // A client reads only what is assigned to them and writes nothing.
        Api.Person client = Api.client(alex.session());
        client.session().as().get("/api/workouts/templates").then().statusCode(200).body("total", equalTo(0));
        client.session().as().get("/api/workouts/templates/" + shared).then().statusCode(404);
        client.session().as().body(Map.of("name", "Mine")).post("/api/workouts/templates").then().statusCode(403);
        Training.assign(alex.session(), client.id(), mine);
        client.session().as().get("/api/workouts/templates").then().body("templates.id", contains((int) mine));
        client.session().as().get("/api/workouts/templates/" + mine).then().statusCode(200);
        client.session().as().body(Map.of("name", "x")).put("/api/workouts/templates/" + mine).then().statusCode(403);

        Api.Session stranger = Api.registerOrganization();
        stranger.as().get("/api/workouts/templates/" + shared).then().statusCode(404);
        stranger.as().body(Map.of("name", "x")).put("/api/workouts/templates/" + shared).then().statusCode(404);
        stranger.as().delete("/api/workouts/templates/" + shared).then().statusCode(404);
        stranger.as().get("/api/workouts/templates").then().body("total", equalTo(0));
    }

    @Test
    void badTemplatesAreRefusedWithFieldDetailsAndNothingIsStored() {
        Api.Session admin = Api.registerOrganization();
        long squat = Training.exercise(admin, "Barbell Back Squat");
        Api.Session other = Api.registerOrganization();
        long foreign = other.as().body(Map.of("name", "Other studio lift")).post("/api/workouts/exercises").then()
                .statusCode(201).extract().jsonPath().getLong("id");

        admin.as().body(Map.of("description", "no name")).post("/api/workouts/templates").then().statusCode(400)
                .body("details[0].field", equalTo("name"));
        admin.as().body(Map.of("name", "Bad", "exercises", List.of(Map.of("exercise_id", squat),
                        Map.of("exercise_id", 99_999_999), Map.of("exercise_id", foreign), Map.of("sets", 3))))
                .post("/api/workouts/templates").then().statusCode(400)
                .body("details.field", contains("exercises[1].exercise_id", "exercises[2].exercise_id",
                        "exercises[3].exercise_id"));
        admin.as().body(Map.of("name", "Bad", "exercises", List.of(Map.of("exercise_id", squat, "sets", -1,
                        "reps", "-5", "duration_seconds", 30_000, "rest_seconds", -10), Map.of("exercise_id", squat,
                        "sets", 51))))
                .post("/api/workouts/templates").then().statusCode(400)
                .body("details.field", contains("exercises[0].sets", "exercises[0].duration_seconds",
                        "exercises[0].rest_seconds", "exercises[0].reps", "exercises[1].sets"))
                .body("details[0].message", equalTo("must not be negative"));
        admin.as().body(Map.of("name", "Bad", "difficulty", "expert", "duration_minutes", -5))
                .post("/api/workouts/templates").then().statusCode(400)
                .body("details.field", hasItem("difficulty")).body("details.field", hasItem("duration_minutes"));
        admin.as().body(Map.of("name", "Bad", "duration_minutes", "abc")).post("/api/workouts/templates").then()
                .statusCode(400).body("details[0].field", equalTo("duration_minutes"));
        assertEquals(0, count("select count(*) from workout_templates where organization_id = " + admin.organizationId()));

        long id = Training.template(admin, Map.of("name", "Good", "exercises", List.of(Map.of("exercise_id", squat))));
        admin.as().body(Map.of("name", "", "exercises", List.of())).put("/api/workouts/templates/" + id).then()
                .statusCode(400).body("details[0].field", equalTo("name"));
        admin.as().body(Map.of("exercises", List.of(Map.of("exercise_id", foreign)))).put("/api/workouts/templates/" + id)
                .then().statusCode(400);
        admin.as().get("/api/workouts/templates/" + id).then().body("name", equalTo("Good")).body("exercises", hasSize(1));
        admin.as().get("/api/workouts/templates?per_page=0").then().statusCode(400).body("details[0].field", equalTo("per_page"));
        admin.as().get("/api/workouts/templates?user_id=me").then().statusCode(400).body("details[0].field", equalTo("user_id"));
    }

    @Test
    void aTemplateInActiveUseCannotBeDeleted() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long id = Training.simpleTemplate(admin, "In use");
        long assignment = Training.assign(admin, client.id(), id);
        admin.as().delete("/api/workouts/templates/" + id).then().statusCode(400)
                .body("error", equalTo("Cannot delete a template with active client assignments"));
        admin.as().body(Map.of("status", "completed")).put("/api/workouts/assignments/" + assignment).then().statusCode(200);
        admin.as().delete("/api/workouts/templates/" + id).then().statusCode(200);
        admin.as().get("/api/workouts/templates").then().body("templates.id", not(hasItem((int) id)));
        // The client's copy still names it.
        admin.as().get("/api/workouts/assignments/" + client.id() + "?status=completed").then().statusCode(200)
                .body("assignments[0].workout_template.name", equalTo("In use"))
                .body("assignments[0].exercises", hasSize(2));
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
