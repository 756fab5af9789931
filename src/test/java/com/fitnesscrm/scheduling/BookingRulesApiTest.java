package com.fitnesscrm.scheduling;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Working hours, time off, the buffer, availability, client requests and late cancellations. */
@QuarkusTest
class BookingRulesApiTest {

    /** A Monday in December–January (New York on EST, UTC-5), a different one per test. */
    private static int weeks = 2;

    private static synchronized LocalDate monday() {
        LocalDate monday = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(weeks++);
        return monday;
    }

    private static Map<String, Object> booking(long trainerId, long clientId, String start, Object duration) {
        Map<String, Object> body = new HashMap<>();
        body.put("trainer_id", trainerId);
        body.put("client_id", String.valueOf(clientId));
        body.put("session_date", start);
        body.put("duration", duration);
        return body;
    }

    /** An organization in New York whose trainer works Mondays 09:00–12:00 and has one assigned client. */
    private record Studio(Api.Session admin, Api.Person trainer, Api.Person client) {
    }

    private static Studio studio() {
        Api.Session admin = Api.registerOrganization();
        admin.as().body(Map.of("time_zone", "America/New_York")).put("/api/settings").then().statusCode(201);
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        trainer.session().as().body(Map.of("working_hours", List.of(
                        Map.of("weekday", "0", "start_time", "09:00", "end_time", "12:00"))))
                .put("/api/schedule/working-hours").then().statusCode(200)
                .body("source", equalTo("trainer")).body("time_zone", equalTo("America/New_York"))
                .body("working_hours[0].start_time", equalTo("09:00"));
        return new Studio(admin, trainer, client);
    }

    @Test
    void workingHoursAndTimeOffRefuseBookingsUnlessATrainerOverrides() {
        Studio s = studio();
        LocalDate monday = monday();
        Api.Session trainer = s.trainer().session();

        trainer.as().body(booking(s.trainer().id(), s.client().id(), monday + "T08:00", 60)).post("/api/sessions")
                .then().statusCode(409).body("code", equalTo("outside_working_hours"))
                .body("error", containsString("working hours"));
        trainer.as().body(booking(s.trainer().id(), s.client().id(), monday + "T11:30", 60)).post("/api/sessions")
                .then().statusCode(409).body("code", equalTo("outside_working_hours"));
        trainer.as().body(booking(s.trainer().id(), s.client().id(), monday.plusDays(1) + "T10:00", 60))
                .post("/api/sessions").then().statusCode(409).body("code", equalTo("outside_working_hours"));
        // 09:00 in New York in winter is 14:00 UTC: wall-clock input is read in the organization's zone.
        trainer.as().body(booking(s.trainer().id(), s.client().id(), monday + "T09:00", 60)).post("/api/sessions")
                .then().statusCode(201).body("session_date", equalTo(monday + "T14:00:00Z"));

        trainer.as().body(Map.of("starts_at", monday + "T10:30", "ends_at", monday + "T12:00", "reason", "Dentist"))
                .post("/api/schedule/time-off").then().statusCode(201).body("reason", equalTo("Dentist"))
                .body("starts_at", equalTo(monday + "T15:30:00Z"));
        trainer.as().body(booking(s.trainer().id(), s.client().id(), monday + "T10:30", 60)).post("/api/sessions")
                .then().statusCode(409).body("code", equalTo("trainer_time_off"))
                .body("details[0].message", containsString("time off"));
        // A client cannot override: their booking is a request and must fit.
        Map<String, Object> forced = booking(s.trainer().id(), s.client().id(), monday + "T10:30", 60);
        forced.put("override_conflicts", true);
        s.client().session().as().body(forced).post("/api/sessions").then().statusCode(409)
                .body("code", equalTo("trainer_time_off"));
        trainer.as().body(forced).post("/api/sessions").then().statusCode(201).body("status", equalTo("scheduled"));

        // A date alone as the end of time off covers that whole day.
        trainer.as().body(Map.of("starts_at", monday.plusWeeks(1).toString(), "ends_at", monday.plusWeeks(1).toString()))
                .post("/api/schedule/time-off").then().statusCode(201);
        trainer.as().body(booking(s.trainer().id(), s.client().id(), monday.plusWeeks(1) + "T11:00", 60))
                .post("/api/sessions").then().statusCode(409).body("code", equalTo("trainer_time_off"));
        trainer.as().get("/api/schedule/time-off").then().statusCode(200).body("$", hasSize(2));
        trainer.as().body(Map.of("starts_at", monday + "T12:00", "ends_at", monday + "T10:00"))
                .post("/api/schedule/time-off").then().statusCode(400).body("details[0].field", equalTo("ends_at"));
    }

    @Test
    void theBufferKeepsAGapBetweenATrainersSessions() {
        Studio s = studio();
        LocalDate monday = monday();
        s.admin().as().body(Map.of("buffer_minutes", "15")).put("/api/settings").then().statusCode(200)
                .body("buffer_minutes", equalTo(15));
        Api.Session trainer = s.trainer().session();
        Api.Person second = Api.client(trainer);
        trainer.as().body(booking(s.trainer().id(), s.client().id(), monday + "T09:00", 60)).post("/api/sessions")
                .then().statusCode(201);
        trainer.as().body(booking(s.trainer().id(), second.id(), monday + "T10:00", 60)).post("/api/sessions")
                .then().statusCode(409).body("code", equalTo("session_conflict"))
                .body("error", containsString("15-minute buffer"));
        trainer.as().body(booking(s.trainer().id(), second.id(), monday + "T10:15", 60)).post("/api/sessions")
                .then().statusCode(201);
        s.admin().as().body(Map.of("buffer_minutes", "500")).put("/api/settings").then().statusCode(400)
                .body("details[0].field", equalTo("buffer_minutes"));
    }

    @Test
    void aClientBooksAFreeSlotAndTheTrainerConfirmsOrDeclinesWithEmailsToBothSides() {
        Studio s = studio();
        LocalDate monday = monday();
        Api.Session trainer = s.trainer().session();
        Api.Session client = s.client().session();
        trainer.as().body(booking(s.trainer().id(), s.client().id(), monday + "T10:00", 60)).post("/api/sessions")
                .then().statusCode(201);

        // 09:00–12:00 in 30-minute steps minus the 10:00–11:00 session: 09:00 and 11:00 (New York, UTC-5).
        client.as().get("/api/schedule/availability?trainer_id=" + s.trainer().id() + "&start_date=" + monday
                        + "&end_date=" + monday + "&duration=60")
                .then().statusCode(200).body("working_hours_configured", equalTo(true))
                .body("slots.start", equalTo(List.of(monday + "T14:00:00Z", monday + "T16:00:00Z")));

        Api.Person other = Api.client(trainer);
        long requested = client.as().body(booking(s.trainer().id(), s.client().id(), monday + "T16:00:00Z", 60))
                .post("/api/sessions").then().statusCode(201).body("status", equalTo("requested"))
                .extract().jsonPath().getLong("id");
        MimeMessage toTrainer = Mailbox.awaitMessage(trainer.email(), "Session request from");
        assertTrue(Mailbox.body(toTrainer).contains("Monday"), Mailbox.body(toTrainer));
        // The request holds the slot: another client asking for it is refused.
        other.session().as().body(booking(s.trainer().id(), other.id(), monday + "T11:00", 60))
                .post("/api/sessions").then().statusCode(409);
        client.as().get("/api/schedule/availability?trainer_id=" + s.trainer().id() + "&start_date=" + monday
                        + "&end_date=" + monday)
                .then().statusCode(200).body("slots.start", equalTo(List.of(monday + "T14:00:00Z")));

        client.as().body(booking(s.trainer().id(), s.client().id(), "2020-01-06T09:00", 60)).post("/api/sessions")
                .then().statusCode(400).body("details[0].field", equalTo("session_date"));
        client.as().post("/api/sessions/" + requested + "/confirm").then().statusCode(403);
        trainer.as().post("/api/sessions/" + requested + "/confirm").then().statusCode(200)
                .body("status", equalTo("scheduled"));
        Mailbox.awaitMessage(client.email(), "Your session is confirmed");
        trainer.as().post("/api/sessions/" + requested + "/confirm").then().statusCode(409)
                .body("code", equalTo("not_requested"));

        long second = other.session().as().body(booking(s.trainer().id(), other.id(), monday + "T09:00", 60))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        trainer.as().body(Map.of("reason", "Fully booked that morning")).post("/api/sessions/" + second + "/decline")
                .then().statusCode(200).body("status", equalTo("cancelled")).body("declined", equalTo(true));
        MimeMessage declined = Mailbox.awaitMessage(other.session().email(), "declined");
        assertTrue(Mailbox.body(declined).contains("Fully booked that morning"));

        // Only one's own trainers' calendars, and never another organization's.
        Api.Person stranger = Api.trainer(s.admin());
        client.as().get("/api/schedule/availability?trainer_id=" + stranger.id()).then().statusCode(404);
        Api.registerOrganization().as().get("/api/schedule/availability?trainer_id=" + s.trainer().id())
                .then().statusCode(404);
        client.as().get("/api/schedule/availability?trainer_id=" + s.trainer().id() + "&start_date=" + monday
                + "&end_date=" + monday.plusDays(90)).then().statusCode(400).body("details[0].field", equalTo("end_date"));
        client.as().body(Map.of("working_hours", List.of())).put("/api/schedule/working-hours?trainer_id="
                + s.trainer().id()).then().statusCode(403);
    }

    @Test
    void aClientCancellingInsideTheWindowIsALateCancellationAndTheTrainerIsTold() {
        Api.Session admin = Api.registerOrganization();
        admin.as().body(Map.of("cancellation_window_hours", "48")).put("/api/settings").then().statusCode(201);
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Instant soon = Instant.now().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);
        Instant later = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        long lateId = trainer.session().as().body(booking(trainer.id(), client.id(), soon.toString(), 60))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        long earlyId = trainer.session().as().body(booking(trainer.id(), client.id(), later.toString(), 60))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");

        client.session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + lateId).then().statusCode(200)
                .body("late_cancellation", equalTo(true)).body("cancelled_at", org.hamcrest.Matchers.notNullValue());
        MimeMessage told = Mailbox.awaitMessage(trainer.session().email(), "Session cancelled by");
        assertTrue(Mailbox.body(told).contains("late cancellation"));
        client.session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + earlyId).then()
                .statusCode(200).body("late_cancellation", equalTo(false));
        // A client may not mark their own cancellation as on time; the trainer may correct it.
        client.session().as().body(Map.of("status", "cancelled", "late_cancellation", false))
                .put("/api/sessions/" + lateId).then().statusCode(403);
        trainer.session().as().body(Map.of("late_cancellation", false)).put("/api/sessions/" + lateId).then()
                .statusCode(200).body("late_cancellation", equalTo(false));
    }

    @Test
    void aSeriesSkipsOccurrencesThatBreakARuleAndSaysWhy() {
        Studio s = studio();
        LocalDate monday = monday();
        Api.Session trainer = s.trainer().session();
        s.admin().as().body(Map.of("buffer_minutes", 30)).put("/api/settings").then().statusCode(200);
        trainer.as().body(Map.of("starts_at", monday.plusWeeks(1).toString(), "ends_at", monday.plusWeeks(1).toString()))
                .post("/api/schedule/time-off").then().statusCode(201);
        Api.Person other = Api.client(trainer);
        // 10:15–10:45 leaves 15 minutes after a 09:00–10:00 occurrence: inside the 30-minute buffer.
        trainer.as().body(booking(s.trainer().id(), other.id(), monday.plusWeeks(2) + "T10:15", 30))
                .post("/api/sessions").then().statusCode(201);
        Map<String, Object> series = new HashMap<>();
        series.put("trainer_id", s.trainer().id());
        series.put("client_id", s.client().id());
        series.put("start_date", monday.toString());
        series.put("start_time", "09:00");
        series.put("recurrence_pattern", "weekly");
        series.put("recurrence_days", List.of(0));
        series.put("occurrences", 4);
        trainer.as().body(series).post("/api/recurring-sessions").then().statusCode(201)
                .body("sessions_created", equalTo(2))
                .body("skipped.reason", equalTo(List.of("the trainer is off", "overlaps session "
                        + trainer.as().get("/api/sessions?client_id=" + other.id()).then().extract().jsonPath()
                        .getLong("[0].id"))));
        series.put("start_time", "07:00");
        series.put("start_date", monday.plusWeeks(4).toString());
        trainer.as().body(series).post("/api/recurring-sessions").then().statusCode(201)
                .body("sessions_created", equalTo(0))
                .body("skipped", hasSize(4)).body("skipped[0].reason", equalTo("outside the trainer's working hours"));
    }
}
