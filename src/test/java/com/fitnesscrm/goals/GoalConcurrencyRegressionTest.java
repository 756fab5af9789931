package com.fitnesscrm.goals;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Writes racing on one goal queue behind its row lock: the losers get 404, never a 500 from a stale delete. */
@QuarkusTest
class GoalConcurrencyRegressionTest {

    /** Runs the call on that many threads released together (the common pool may have a single thread). */
    private static List<Integer> atOnce(int times, Supplier<Integer> call) {
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
                        return call.get();
                    }, threads)).toList();
            return running.stream().map(CompletableFuture::join).sorted().toList();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void simultaneousDeletesOfAGoalOrMilestoneAnswerOneSuccessAndNotFound() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        for (int round = 0; round < 3; round++) {
            var goal = trainer.session().as().body(Map.of("client_id", String.valueOf(client.id()), "title", "Run 5k",
                            "milestones", List.of(Map.of("title", "2k"))))
                    .post("/api/goals").then().statusCode(201).extract().jsonPath();
            long goalId = goal.getLong("data.id");
            long milestoneId = goal.getLong("data.milestones[0].id");

            assertEquals(List.of(200, 404, 404), atOnce(3, () -> trainer.session().as()
                    .delete("/api/goals/" + goalId + "/milestones/" + milestoneId).statusCode()));
            assertEquals(List.of(200, 404, 404), atOnce(3, () -> trainer.session().as()
                    .delete("/api/goals/" + goalId).statusCode()));
        }
    }
}
