package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ExerciseLibraryTest {

    @Test
    void theSharedLibraryIsListedPagedSearchedAndFiltered() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        client.session().as().get("/api/workouts/exercises?page=1").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(150)).body("exercises", hasSize(100))
                .body("current_page", equalTo(1)).body("pages", equalTo(2));
        // The trainer portal asks with neither page nor per_page and reads a bare array (section 4, item 7).
        client.session().as().get("/api/workouts/exercises").then().statusCode(200)
                .body("$", hasSize(greaterThanOrEqualTo(150))).body("[0].name", notNullValue());
        client.session().as().get("/api/workouts/exercises?search=goblet").then().statusCode(200)
                .body("name", hasItem("Goblet Squat")).body("name", everyItem(containsStringIgnoringCase("goblet")));
        // The older path keeps the old app's P2 page.
        client.session().as().get("/api/exercises").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(150)).body("exercises", hasSize(100));
        client.session().as().get("/api/workouts/exercises?search=SQUAT&per_page=1000").then().statusCode(200)
                .body("exercises.name", hasItems("Barbell Back Squat", "Goblet Squat"))
                .body("exercises.name", everyItem(containsStringIgnoringCase("squat")));
        // A muscle group finds the exercises that train it first and those that train it as a helper.
        admin.as().get("/api/workouts/exercises?muscle_group=Glutes&per_page=1000").then().statusCode(200)
                .body("exercises.name", hasItems("Hip Thrust", "Barbell Back Squat"));
        admin.as().get("/api/workouts/exercises?category=cardio&equipment=bodyweight&per_page=1000").then()
                .statusCode(200).body("exercises.name", hasItem("Burpee"))
                .body("exercises.category", everyItem(equalTo("cardio")));
        admin.as().get("/api/workouts/exercises/categories").then().statusCode(200)
                .body("categories", hasItem(Map.of("value", "strength", "label", "Strength")));
        admin.as().get("/api/workouts/exercises/muscle-groups").then().statusCode(200)
                .body("muscle_groups", hasItem(Map.of("value", "upper_back", "label", "Upper back")));
        admin.as().get("/api/workouts/exercises/equipment").then().statusCode(200)
                .body("equipment.value", hasItems("barbell", "kettlebell", "bodyweight"));
        admin.as().post("/api/workouts/exercises/seed").then().statusCode(200).body("count", greaterThanOrEqualTo(150));
        admin.as().get("/api/workouts/exercises?per_page=abc").then().statusCode(400)
                .body("details[0].field", equalTo("per_page"));
    }

    @Test
    void anOrganizationKeepsItsOwnExercisesAndTheSharedOnesStayReadOnly() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        Map<String, Object> sandbag = Map.of("name", "Sandbag Carry", "category", "Strength", "muscle_group",
                "Full Body", "equipment", "sandbag", "difficulty", "Beginner", "instructions", "Bear-hug and walk.",
                "image_url", "", "is_custom", "true", "created_by", "1");
        long id = trainer.session().as().body(sandbag).post("/api/workouts/exercises").then().statusCode(201)
                .body("is_custom", equalTo(true)).body("muscle_group", equalTo("full_body"))
                .body("difficulty", equalTo("beginner")).body("image_url", equalTo(null))
                .body("created_by", equalTo((int) trainer.session().userId()))
                .extract().jsonPath().getLong("id");
        trainer.session().as().body(Map.of("name", "Tyre Flip", "category", "strength")).post("/api/exercises").then()
                .statusCode(201).body("message", notNullValue()).body("exercise.name", equalTo("Tyre Flip"))
                .body("exercise.is_custom", equalTo(true));
        trainer.session().as().body(sandbag).post("/api/workouts/exercises").then().statusCode(409)
                .body("code", equalTo("exercise_exists"));
        client.session().as().body(Map.of("name", "Mine")).post("/api/workouts/exercises").then().statusCode(403);
        client.session().as().get("/api/workouts/exercises/" + id).then().statusCode(200);
        admin.as().get("/api/workouts/exercises?show_custom=true").then().statusCode(200)
                .body("name", equalTo(List.of("Sandbag Carry", "Tyre Flip")));

        Api.Session stranger = Api.registerOrganization();
        stranger.as().get("/api/workouts/exercises/" + id).then().statusCode(404);
        stranger.as().get("/api/workouts/exercises?search=sandbag&page=1").then().body("total", equalTo(0));
        stranger.as().body(Map.of("notes", "x")).put("/api/workouts/exercises/" + id).then().statusCode(404);

        long shared = admin.as().get("/api/workouts/exercises?search=Barbell Back Squat&per_page=5").then().extract()
                .jsonPath().getLong("exercises[0].id");
        admin.as().body(Map.of("name", "Mine now")).put("/api/workouts/exercises/" + shared).then().statusCode(403);
        admin.as().delete("/api/workouts/exercises/" + shared).then().statusCode(403);

        admin.as().body(Map.of("tips", "Keep the sandbag high", "difficulty", "expert"))
                .put("/api/workouts/exercises/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("difficulty"));
        admin.as().body(Map.of("tips", "Keep the sandbag high")).put("/api/workouts/exercises/" + id).then()
                .statusCode(200).body("tips", equalTo("Keep the sandbag high")).body("name", equalTo("Sandbag Carry"));
        admin.as().body(Map.of("category", "strength")).post("/api/workouts/exercises").then().statusCode(400)
                .body("details[0].field", equalTo("name"));
        admin.as().delete("/api/workouts/exercises/" + id).then().statusCode(200);
        admin.as().get("/api/workouts/exercises/" + id).then().statusCode(404);
        admin.as().get("/api/workouts/exercises?search=sandbag&page=1").then().body("exercises.name", not(hasItem("Sandbag Carry")));
    }
}
