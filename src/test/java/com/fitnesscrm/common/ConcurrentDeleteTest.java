package com.fitnesscrm.common;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Uploads;
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

/**
 * A double click on delete: the requests that lose the race find the row gone at their write and answer 404,
 * not a 500 from Hibernate's stale-state check (measurements, progress photos and files all did).
 */
@QuarkusTest
class ConcurrentDeleteTest {

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
    void simultaneousDeletesAnswerOneSuccessAndNotFound() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Api.Session as = trainer.session();
        for (int round = 0; round < 2; round++) {
            long measurement = as.as().body(Map.of("client_id", client.id(), "weight", 80)).post("/api/measurements")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            assertEquals(List.of(200, 404, 404, 404),
                    atOnce(4, () -> as.as().delete("/api/measurements/" + measurement).statusCode()));

            long photo = Uploads.multipart(as).multiPart("file", "front.png", Uploads.png(), "image/png")
                    .multiPart("client_id", String.valueOf(client.id())).post("/api/progress-photos")
                    .then().statusCode(201).extract().jsonPath().getLong("data.id");
            assertEquals(List.of(200, 404, 404, 404),
                    atOnce(4, () -> as.as().delete("/api/progress-photos/" + photo).statusCode()));

            long file = Uploads.multipart(as).multiPart("file", "plan.txt", Uploads.text("plan"), "text/plain")
                    .multiPart("category", "workout_plan").post("/api/files")
                    .then().statusCode(201).extract().jsonPath().getLong("file.id");
            assertEquals(List.of(200, 404, 404, 404),
                    atOnce(4, () -> as.as().delete("/api/files/" + file).statusCode()));
        }
    }
}
