package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simultaneous edits of one template or program replace its list one after the other. */
@QuarkusTest
class TemplateConcurrencyTest {

    private static List<Integer> atOnce(int times, IntFunction<Integer> call) {
        ExecutorService threads = Executors.newFixedThreadPool(times);
        try {
            CyclicBarrier start = new CyclicBarrier(times);
            List<CompletableFuture<Integer>> running = IntStream.range(0, times)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return call.apply(i);
                    }, threads)).toList();
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void simultaneousReplacementsOfATemplatesExercisesLeaveOneOfTheSentLists() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        List<Long> library = List.of(Training.exercise(admin, "Barbell Back Squat"), Training.exercise(admin, "Push-Up"),
                Training.exercise(admin, "Conventional Deadlift"), Training.exercise(admin, "Goblet Squat"));
        long template = Training.simpleTemplate(trainer.session(), "Contended");
        for (int round = 0; round < 3; round++) {
            // Request i sends a list of i + 1 exercises; before the fix the lists interleaved (up to 10 rows).
            List<Integer> statuses = atOnce(4, i -> trainer.session().as().body(Map.of("exercises",
                            library.subList(0, i + 1).stream().map(id -> Map.of("exercise_id", id)).toList()))
                    .put("/api/workouts/templates/" + template).statusCode());
            assertEquals(List.of(200, 200, 200, 200), statuses);
            int size = trainer.session().as().get("/api/workouts/templates/" + template).then().statusCode(200)
                    .extract().jsonPath().getList("exercises").size();
            assertTrue(size >= 1 && size <= 4, "one of the lists sent, not a mix: " + size);
        }
    }

    @Test
    void simultaneousReplacementsOfAProgramsDaysDoNotCollide() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        long template = Training.simpleTemplate(trainer.session(), "Day");
        long program = trainer.session().as().body(Map.of("name", "Two weeks", "duration_weeks", 2,
                        "days", List.of(Map.of("day", 1, "workout_template_id", template))))
                .post("/api/workouts/programs").then().statusCode(201).extract().jsonPath().getLong("program.id");
        for (int round = 0; round < 3; round++) {
            // Every request keeps day 1: the inserts of two replacements collided on (program_id, day_number).
            List<Integer> statuses = atOnce(4, i -> trainer.session().as().body(Map.of("days", List.of(
                            Map.of("day", 1, "workout_template_id", template),
                            Map.of("day", 2 + i, "workout_template_id", template))))
                    .put("/api/workouts/programs/" + program).statusCode());
            assertEquals(List.of(200, 200, 200, 200), statuses);
            trainer.session().as().get("/api/workouts/programs/" + program).then().statusCode(200)
                    .body("workout_days", org.hamcrest.Matchers.equalTo(2));
        }
    }

    @Test
    void aTemplateIsNeverDeletedUnderAnAssignmentMadeAtTheSameMoment() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        for (int round = 0; round < 8; round++) {
            long template = Training.simpleTemplate(trainer.session(), "Raced " + round);
            // Delete refuses a template with active assignments, but checked before a concurrent assign committed.
            List<Integer> statuses = atOnce(2, i -> i == 0
                    ? trainer.session().as().delete("/api/workouts/templates/" + template).statusCode()
                    : trainer.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template))
                    .post("/api/workouts/assign").statusCode());
            assertTrue(statuses.equals(List.of(200, 400)) || statuses.equals(List.of(400, 201)),
                    "deleted and assigned at once: " + statuses);
        }
    }
}
