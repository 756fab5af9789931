package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Simultaneous logs of one client lock that client's record rows; they listed the same exercises in different
 * orders and, once the rows had been updated (and moved on disk), locked them in different orders: a deadlock
 * that PostgreSQL broke by failing one log with a 500.
 */
@QuarkusTest
class RecordConcurrencyTest {

    @Test
    void simultaneousLogsOfTheSameExercisesInAnyOrderAllSucceed() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        List<Long> exercises = admin.as().queryParam("per_page", 8).queryParam("page", 3)
                .get("/api/workouts/exercises").then().statusCode(200).extract().jsonPath()
                .getList("exercises.id", Long.class);
        int logs = 10;
        ExecutorService threads = Executors.newFixedThreadPool(logs);
        try {
            for (int round = 0; round < 5; round++) {
                int base = round * 10;
                CyclicBarrier start = new CyclicBarrier(logs);
                List<CompletableFuture<Integer>> running = IntStream.range(0, logs).mapToObj(i -> {
                    List<Long> order = new ArrayList<>(exercises);
                    Collections.shuffle(order);
                    List<Map<String, Object>> sets = order.stream()
                            .map(id -> Map.<String, Object>of("exercise_id", id, "reps", 5, "weight_kg", 40 + base + i))
                            .toList();
                    return CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return admin.as().body(Map.of("client_id", client.id(), "sets", sets))
                                .post("/api/workouts/log").statusCode();
                    }, threads);
                }).toList();
                List<Integer> statuses = running.stream().map(CompletableFuture::join).toList();
                assertEquals(Collections.nCopies(logs, 201), statuses, "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
        admin.as().get("/api/workouts/records/" + client.id()).then().statusCode(200)
                .body("records.max_weight_kg", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo(89.0f)));
    }
}
