package com.fitnesscrm.scheduling;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moves onto taken slots, what a client may change, handed-off occurrences, concurrent first writes. */
@QuarkusTest
class SchedulingEdgeCasesTest {

    private static int weeks = 30;

    private static synchronized LocalDate monday() {
        return LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(weeks++);
    }

    private static Map<String, Object> booking(long trainerId, long clientId, String start, int minutes) {
        Map<String, Object> body = new HashMap<>();
        body.put("trainer_id", trainerId);
        body.put("client_id", clientId);
        body.put("session_date", start);
        body.put("duration", minutes);
        return body;
    }

    private static long book(Api.Session as, long trainerId, long clientId, String start, int minutes) {
        return as.as().body(booking(trainerId, clientId, start, minutes)).post("/api/sessions").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void movingOrRevivingOntoATakenSlotIsA409WithDetailsAndAnOverrideStillWorks() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Api.Person other = Api.client(trainer.session());
        LocalDate day = monday();
        long first = book(trainer.session(), trainer.id(), client.id(), day + "T10:00", 60);
        long second = book(trainer.session(), trainer.id(), other.id(), day + "T12:00", 60);

        trainer.session().as().body(Map.of("session_date", day + "T10:30")).put("/api/sessions/" + second)
                .then().statusCode(409).body("code", equalTo("session_conflict"))
                .body("conflict.id", equalTo((int) first));
        trainer.session().as().body(Map.of("duration", 150)).put("/api/sessions/" + first)
                .then().statusCode(409).body("code", equalTo("session_conflict"));
        trainer.session().as().body(Map.of("session_date", "  ", "notes", "kept")).put("/api/sessions/" + first)
                .then().statusCode(200).body("session_date", equalTo(day + "T10:00:00Z"));
        trainer.session().as().body(Map.of("session_date", day + "T10:30", "override_conflicts", true))
                .put("/api/sessions/" + second).then().statusCode(200);

        trainer.session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + second).then().statusCode(200);
        long third = book(trainer.session(), trainer.id(), other.id(), day + "T11:00", 30);
        assertTrue(third > 0);
        trainer.session().as().body(Map.of("status", "scheduled")).put("/api/sessions/" + second)
                .then().statusCode(409).body("code", equalTo("session_conflict"));
    }

    @Test
    void aClientCancelsButChangesNothingElseAndWithdrawingARequestIsNeverLate() {
        Api.Session admin = Api.registerOrganization();
        admin.as().body(Map.of("cancellation_window_hours", 336)).put("/api/settings").then().statusCode(201);
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Instant soon = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        long booked = book(trainer.session(), trainer.id(), client.id(), soon.toString(), 60);
        trainer.session().as().body(Map.of("notes", "Trainer's plan")).put("/api/sessions/" + booked).then().statusCode(200);

        client.session().as().body(Map.of("status", "cancelled", "notes", "client wrote")).put("/api/sessions/" + booked)
                .then().statusCode(403);
        // The SPA may echo the session back with only the status changed.
        client.session().as().body(Map.of("status", "cancelled", "notes", "Trainer's plan", "duration", 60,
                "session_date", soon.toString())).put("/api/sessions/" + booked)
                .then().statusCode(200).body("notes", equalTo("Trainer's plan")).body("late_cancellation", equalTo(true));

        long past = book(trainer.session(), trainer.id(), client.id(),
                Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS).toString(), 60);
        trainer.session().as().body(Map.of("status", "completed")).put("/api/sessions/" + past).then().statusCode(200);
        client.session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + past)
                .then().statusCode(409).body("code", equalTo("session_closed"));

        long request = client.session().as().body(booking(trainer.id(), client.id(),
                soon.plus(Duration.ofHours(3)).toString(), 60)).post("/api/sessions").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        client.session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + request).then()
                .statusCode(200).body("late_cancellation", equalTo(false)).body("declined", equalTo(false));
    }

    @Test
    void confirmingThroughPutChecksTheRulesAndClientsNeverSeeWhyATrainerIsOff() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        LocalDate day = monday();
        long request = client.session().as().body(booking(trainer.id(), client.id(), day + "T10:00", 60))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        trainer.session().as().body(Map.of("starts_at", day.toString(), "ends_at", day.toString(), "reason", "Dentist"))
                .post("/api/schedule/time-off").then().statusCode(201);
        trainer.session().as().body(Map.of("status", "scheduled")).put("/api/sessions/" + request)
                .then().statusCode(409).body("code", equalTo("trainer_time_off"));
        client.session().as().get("/api/schedule/time-off?trainer_id=" + trainer.id()).then().statusCode(200)
                .body("[0].reason", nullValue());
        trainer.session().as().get("/api/schedule/time-off").then().body("[0].reason", equalTo("Dentist"));
    }

    @Test
    void anOccurrenceHandedToAnotherTrainerIsOutOfTheSeriesReach() {
        String email = Api.uniqueEmail("handoff");
        JsonPath registered = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "time_zone", "Europe/London"))
                .post("/api/auth/register").then().statusCode(201).extract().jsonPath();
        Api.Session admin = Api.session(registered, email);
        Api.Person first = Api.trainer(admin);
        Api.Person second = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        admin.as().body(Map.of("trainer_id", first.id(), "client_id", client.id())).post("/api/crm/assign").then().statusCode(201);
        Map<String, Object> series = new HashMap<>();
        series.put("trainer_id", first.id());
        series.put("client_id", client.id());
        series.put("start_date", "2027-05-04");
        series.put("start_time", "09:00");
        series.put("recurrence_pattern", "weekly");
        series.put("recurrence_days", List.of(1));
        series.put("occurrences", 3);
        first.session().as().body(series).post("/api/recurring-sessions").then().statusCode(201);
        List<Long> ids = admin.as().get("/api/sessions?client_id=" + client.id()).then().extract().jsonPath()
                .getList("id", Long.class);
        admin.as().body(Map.of("trainer_id", second.id())).put("/api/sessions/" + ids.get(2)).then().statusCode(200);

        first.session().as().body(Map.of("notes", "changed by the first trainer"))
                .put("/api/sessions/" + ids.get(0) + "?scope=following").then().statusCode(200);
        first.session().as().delete("/api/sessions/" + ids.get(0) + "?scope=following").then().statusCode(200)
                .body("message", equalTo("2 sessions deleted"));
        admin.as().get("/api/sessions/" + ids.get(2)).then().statusCode(200)
                .body("trainer_id", equalTo((int) second.id())).body("notes", nullValue());
    }

    @Test
    void concurrentFirstWritesOfSettingsAndFeedsNeverFail() throws Exception {
        Api.Session admin = Api.registerOrganization();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                calls.add(() -> admin.as().body(Map.of("business_name", "Studio " + n, "buffer_minutes", n))
                        .put("/api/settings").then().extract().statusCode());
                calls.add(() -> admin.as().post("/api/calendar/feed").then().extract().statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            assertTrue(codes.stream().allMatch(c -> c == 200 || c == 201), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        admin.as().get("/api/calendar/feed").then().statusCode(200);
        Api.Person client = Api.client(admin);
        client.session().as().body(Map.of()).post("/api/settings").then().statusCode(403);
        admin.as().body(Map.of("working_hours", java.util.Arrays.asList((Object) null))).put("/api/settings")
                .then().statusCode(400);
    }

    @Test
    void aTrainerDoesNotSeeTheirClientsSessionsWithAnotherTrainerInTheFeed() {
        Api.Session admin = Api.registerOrganization();
        Api.Person mine = Api.trainer(admin);
        Api.Person theirs = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        admin.as().body(Map.of("trainer_id", mine.id(), "client_id", client.id())).post("/api/crm/assign").then().statusCode(201);
        admin.as().body(Map.of("trainer_id", theirs.id(), "client_id", client.id())).post("/api/crm/assign").then().statusCode(201);
        long other = book(admin, theirs.id(), client.id(), monday() + "T09:00", 60);
        long own = book(admin, mine.id(), client.id(), monday() + "T09:00", 60);
        mine.session().as().get("/api/activity?entity_type=session").then().statusCode(200)
                .body("activities.entity_id", hasItem((int) own))
                .body("activities.entity_id", not(hasItem((int) other)));
        assertEquals(404, mine.session().as().get("/api/sessions/" + other).then().extract().statusCode());
    }
}
