package com.fitnesscrm.scheduling;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SessionApiTest {

    /** A day safely in the future, different per call so tests never collide. */
    private static int dayOffset = 10;

    private static synchronized String day() {
        return LocalDate.now().plusDays(dayOffset++).toString();
    }

    private static Map<String, Object> booking(long trainerId, long clientId, String start, Object duration) {
        Map<String, Object> body = new HashMap<>();
        body.put("trainer_id", String.valueOf(trainerId));
        body.put("client_id", String.valueOf(clientId));
        body.put("session_date", start);
        body.put("duration", duration);
        body.put("session_type", "Strength");
        body.put("location", "Studio A");
        return body;
    }

    @Test
    void anAdminBooksAndTheListAndSingleFormsFollowTheContract() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        String day = day();
        long id = admin.as().body(booking(trainer.id(), client.id(), day + "T07:00", "45"))
                .post("/api/sessions").then().statusCode(201)
                .body("duration", equalTo(45)).body("status", equalTo("scheduled"))
                .body("session_date", equalTo(day + "T07:00:00Z")).body("end_time", equalTo(day + "T07:45:00Z"))
                .body("trainer.id", equalTo((int) trainer.id())).body("client.id", equalTo((int) client.id()))
                .extract().jsonPath().getLong("id");

        admin.as().get("/api/sessions?start_date=" + day + "T00:00:00.000Z&end_date=" + day + "T23:59:59.999Z")
                .then().statusCode(200).body("$", hasSize(1))
                .body("[0].id", equalTo((int) id)).body("[0].trainer_name", notNullValue())
                .body("[0].client_name", notNullValue()).body("[0].trainer", nullValue());
        admin.as().get("/api/sessions/" + id).then().statusCode(200).body("client.name", notNullValue());
        admin.as().body(Map.of("notes", "Bring shoes", "duration", 60)).put("/api/sessions/" + id)
                .then().statusCode(200).body("notes", equalTo("Bring shoes")).body("end_time", equalTo(day + "T08:00:00Z"));

        Api.Session stranger = Api.registerOrganization();
        stranger.as().get("/api/sessions/" + id).then().statusCode(404);
        stranger.as().get("/api/sessions").then().statusCode(200).body("$", hasSize(0));
        admin.as().delete("/api/sessions/" + id).then().statusCode(200);
        admin.as().get("/api/sessions/" + id).then().statusCode(404);
    }

    @Test
    void overlapsOfTheSameTrainerOrClientAre409UnlessOverridden() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person other = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        Api.Person client2 = Api.client(admin);
        String day = day();
        long first = admin.as().body(booking(trainer.id(), client.id(), day + "T09:00", 60))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");

        // Same trainer, another client, overlapping by 30 minutes.
        admin.as().body(booking(trainer.id(), client2.id(), day + "T09:30", 60)).post("/api/sessions")
                .then().statusCode(409).body("code", equalTo("session_conflict"))
                .body("conflict.id", equalTo((int) first))
                .body("details[0].message", containsString("overlaps session " + first));
        // Same client, another trainer.
        admin.as().body(booking(other.id(), client.id(), day + "T08:30", 60)).post("/api/sessions")
                .then().statusCode(409);
        // Back to back is fine.
        admin.as().body(booking(trainer.id(), client2.id(), day + "T10:00", 60)).post("/api/sessions")
                .then().statusCode(201);
        // An explicit override books anyway.
        Map<String, Object> overriding = booking(trainer.id(), client2.id(), day + "T09:15", 30);
        overriding.put("override_conflicts", true);
        admin.as().body(overriding).post("/api/sessions").then().statusCode(201);
        // A cancelled session frees its slot.
        admin.as().body(Map.of("status", "cancelled")).put("/api/sessions/" + first).then().statusCode(200);
        admin.as().body(booking(other.id(), client.id(), day + "T08:30", 60)).post("/api/sessions")
                .then().statusCode(201);
    }

    @Test
    void twoConcurrentBookingsOfOneSlotLeaveExactlyOneSession() throws Exception {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        List<Long> clientIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clientIds.add(Api.client(admin).id());
        }
        String start = day() + "T12:00";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long clientId = clientIds.get(i % clientIds.size());
                attempts.add(() -> admin.as().body(booking(trainer.id(), clientId, start, 60))
                        .post("/api/sessions").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        admin.as().get("/api/sessions?trainer_id=" + trainer.id()).then().body("$", hasSize(1));
    }

    /**
     * Bookings of one trainer no longer wait for each other: the buffer between a trainer's sessions is guarded by
     * the database (blocked_until in the exclusion constraint), so of simultaneous bookings that keep clear of each
     * other's times but not of the buffer, exactly one stands.
     */
    @Test
    void concurrentBookingsInsideTheBufferLeaveExactlyOneSession() throws Exception {
        Api.Session admin = Api.registerOrganization();
        admin.as().body(Map.of("buffer_minutes", "30")).put("/api/settings").then()
                .statusCode(org.hamcrest.Matchers.lessThan(300)).body("buffer_minutes", equalTo(30));
        Api.Person trainer = Api.trainer(admin);
        List<Long> clientIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clientIds.add(Api.client(admin).id());
        }
        String day = day();
        // Back to back, 10 minutes apart: no two overlap, every two are inside the 30-minute buffer.
        List<String> starts = List.of(day + "T09:00", day + "T09:40", day + "T10:20", day + "T11:00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < starts.size(); i++) {
                    long clientId = clientIds.get(i);
                    String start = starts.get(i);
                    attempts.add(() -> admin.as().body(booking(trainer.id(), clientId, start, 30))
                            .post("/api/sessions").statusCode());
                }
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertEquals(0, statuses.stream().filter(s -> s != 201 && s != 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        // Whatever won, the trainer's sessions keep the buffer: each ends 30 minutes or more before the next.
        List<String> booked = admin.as().get("/api/sessions?trainer_id=" + trainer.id()).then().statusCode(200)
                .extract().jsonPath().getList("session_date");
        List<java.time.Instant> sorted = booked.stream().map(java.time.Instant::parse).sorted().toList();
        assertTrue(!sorted.isEmpty(), "one booking at least stands");
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(java.time.Duration.between(sorted.get(i - 1), sorted.get(i)).toMinutes() >= 60,
                    "30-minute sessions 30 minutes apart at least: " + sorted);
        }
    }

    @Test
    void trainersBookAndEditOnlyTheirOwnSessionsWithTheirOwnClients() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person colleague = Api.trainer(admin);
        long mine = Api.client(trainer.session()).id();
        long notMine = Api.client(admin).id();
        String day = day();
        long id = trainer.session().as().body(booking(trainer.id(), mine, day + "T06:00", 60))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        trainer.session().as().body(booking(colleague.id(), mine, day + "T08:00", 60))
                .post("/api/sessions").then().statusCode(403);
        trainer.session().as().body(booking(trainer.id(), notMine, day + "T08:00", 60))
                .post("/api/sessions").then().statusCode(404);
        colleague.session().as().get("/api/sessions/" + id).then().statusCode(404);
        colleague.session().as().body(Map.of("notes", "mine now")).put("/api/sessions/" + id).then().statusCode(404);
        colleague.session().as().get("/api/sessions").then().statusCode(200).body("$", hasSize(0));
        trainer.session().as().get("/api/sessions").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void clientsRequestWithTheirOwnTrainerOnlyForThemselvesAndMayOnlyCancel() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person stranger = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Api.Person otherClient = Api.client(trainer.session());
        String day = day();
        Map<String, Object> request = booking(trainer.id(), client.id(), day + "T17:00", 60);
        request.put("status", "scheduled");
        long id = client.session().as().body(request).post("/api/sessions").then().statusCode(201)
                .body("status", equalTo("requested")).extract().jsonPath().getLong("id");
        client.session().as().body(booking(trainer.id(), otherClient.id(), day + "T19:00", 60))
                .post("/api/sessions").then().statusCode(403);
        client.session().as().body(booking(stranger.id(), client.id(), day + "T19:00", 60))
                .post("/api/sessions").then().statusCode(404);
        Response otherSession = trainer.session().as()
                .body(booking(trainer.id(), otherClient.id(), day + "T20:00", 60)).post("/api/sessions");
        otherSession.then().statusCode(201);
        client.session().as().get("/api/sessions/" + otherSession.jsonPath().getLong("id")).then().statusCode(404);
        client.session().as().get("/api/sessions").then().body("$", hasSize(1));

        // A client's request that collides with someone else's session learns when, not with whom.
        client.session().as().body(booking(trainer.id(), client.id(), day + "T20:30", 60)).post("/api/sessions")
                .then().statusCode(409).body("conflict.notes", nullValue()).body("conflict.client_name", nullValue());

        client.session().as().body(Map.of("session_date", day + "T18:00")).put("/api/sessions/" + id)
                .then().statusCode(403);
        client.session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + id)
                .then().statusCode(200).body("status", equalTo("cancelled"));
        client.session().as().delete("/api/sessions/" + id).then().statusCode(403);
    }

    @Test
    void badTimesAndStatusesAreClear400s() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        String day = day();
        admin.as().body(booking(trainer.id(), client.id(), day + "T07:00", 0)).post("/api/sessions")
                .then().statusCode(400).body("details[0].field", equalTo("duration"));
        admin.as().body(booking(trainer.id(), client.id(), day + "T07:00", 13 * 60)).post("/api/sessions")
                .then().statusCode(400).body("details[0].field", equalTo("duration"))
                .body("error", containsString("12 hours"));
        admin.as().body(booking(trainer.id(), client.id(), "2026-13-45T07:00", 60)).post("/api/sessions")
                .then().statusCode(400).body("details[0].field", equalTo("session_date"));
        admin.as().body(booking(trainer.id(), client.id(), "1900-01-01T07:00", 60)).post("/api/sessions")
                .then().statusCode(400).body("details[0].field", equalTo("session_date"));
        admin.as().body(booking(trainer.id(), client.id(), day + "T07:00", "an hour")).post("/api/sessions")
                .then().statusCode(400).body("details[0].field", equalTo("duration"));
        Map<String, Object> bogus = booking(trainer.id(), client.id(), day + "T07:00", 60);
        bogus.put("status", "maybe");
        admin.as().body(bogus).post("/api/sessions").then().statusCode(400).body("details[0].field", equalTo("status"));
        Map<String, Object> noShow = booking(trainer.id(), client.id(), day + "T07:00", 60);
        noShow.put("status", "no_show");
        admin.as().body(noShow).post("/api/sessions").then().statusCode(201).body("status", equalTo("no-show"));
        admin.as().body(booking(trainer.id(), 999_999, day + "T09:00", 60)).post("/api/sessions")
                .then().statusCode(404).body("error", equalTo("Client not found"));
        admin.as().get("/api/sessions?start_date=yesterday").then().statusCode(400)
                .body("details[0].field", equalTo("start_date"));
    }
}
