package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several logs of one client arriving at once (a trainer catching up on a week, the SPA retrying) all land, and the
 * records end at the best of them: found by the benchmark, where such logs deadlocked on new record rows.
 */
@QuarkusTest
class ConcurrentLoggingTest {

    @Test
    void simultaneousLogsOfTheSameExercisesAllLandAndTheRecordsTakeTheBest() throws Exception {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        List<Long> exercises = List.of(Training.exercise(admin, "Barbell Back Squat"),
                Training.exercise(admin, "Barbell Bench Press"), Training.exercise(admin, "Conventional Deadlift"),
                Training.exercise(admin, "Overhead Press"));
        int parallel = 8;
        int rounds = 4;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            // Rounds of simultaneous logs: after the first, the record rows exist and are updated over and over,
            // which moves them around the table (the order a lock query meets them in changes).
            for (int round = 0; round < rounds; round++) {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    int load = 60 + round * parallel + i;
                    // Each log lists the exercises in a different order, as real workouts do.
                    List<Map<String, Object>> sets = new ArrayList<>();
                    for (int k = 0; k < exercises.size(); k++) {
                        sets.add(Map.of("exercise_id", exercises.get((k + i) % exercises.size()), "set_number", k + 1,
                                "reps", 5, "weight_kg", load));
                    }
                    Callable<Integer> post = () -> admin.as().body(Map.of("client_id", client.id(), "sets", sets))
                            .post("/api/workouts/log").statusCode();
                    statuses.add(pool.submit(post));
                }
                for (Future<Integer> status : statuses) {
                    assertEquals(201, status.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int logs = parallel * rounds;
        admin.as().get("/api/workouts/logs/" + client.id() + "?limit=500").then().statusCode(200)
                .body("logs.size()", equalTo(logs));
        // The heaviest log was 91 kg × 5: Epley 91 × (1 + 5/30) = 106.17 for every exercise.
        admin.as().get("/api/workouts/records/" + client.id()).then().statusCode(200)
                .body("records.size()", equalTo(4))
                .body("records.max_weight_kg", org.hamcrest.Matchers.everyItem(equalTo(91.0f)))
                .body("records.estimated_1rm_kg", org.hamcrest.Matchers.everyItem(equalTo(106.17f)));
    }
}
