package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class WorkoutLogRegressionTest {

    @Test
    void aClientLogsTheExercisesTheyWereGivenAfterTheStudioRemovesOneFromItsLibrary() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        long own = trainer.session().as().body(Map.of("name", "Sled push")).post("/api/workouts/exercises")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long template = Training.template(trainer.session(), Map.of("name", "Conditioning",
                "exercises", List.of(Map.of("exercise_id", own, "sets", 4, "reps", "20 m"))));
        long copy = Training.assign(trainer.session(), client.id(), template);
        trainer.session().as().delete("/api/workouts/exercises/" + own).then().statusCode(200);

        // The copy still prescribes it; the log refused it as "not an exercise of your library".
        client.session().as().body(Map.of("client_id", client.id(), "client_workout_id", copy,
                        "sets", List.of(Map.of("exercise_id", own, "reps", 1, "weight_kg", 80))))
                .post("/api/workouts/log").then().statusCode(201)
                .body("log.sets[0].exercise_name", equalTo("Sled push"));
        // Outside the copy a removed exercise is still refused.
        client.session().as().body(Map.of("client_id", client.id(),
                        "sets", List.of(Map.of("exercise_id", own, "reps", 1))))
                .post("/api/workouts/log").then().statusCode(400)
                .body("details[0].field", equalTo("sets[0].exercise_id"));
        client.session().as().get("/api/workouts/logs/" + client.id()).then().body("logs", hasSize(1));
    }

    @Test
    void moreThanAHundredUnnumberedSetsOfOneExerciseAreABadRequest() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long squat = Training.exercise(admin, "Barbell Back Squat");
        // Up to 200 sets are allowed and unnumbered ones are counted per exercise: the 101st broke the column's check.
        List<Map<String, Object>> sets = java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> Map.<String, Object>of("exercise_id", squat, "reps", 1)).toList();
        client.session().as().body(Map.of("client_id", client.id(), "sets", sets)).post("/api/workouts/log")
                .then().statusCode(400).body("details[0].field", equalTo("sets[100].set_number"));
        client.session().as().get("/api/workouts/logs/" + client.id()).then().body("logs", hasSize(0));
    }
}
