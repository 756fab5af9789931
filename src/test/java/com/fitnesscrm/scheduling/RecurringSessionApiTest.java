package com.fitnesscrm.scheduling;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class RecurringSessionApiTest {

    private static Api.Session londonStudio() {
        String email = Api.uniqueEmail("london");
        var body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "organization_name", "London Studio",
                        "time_zone", "Europe/London"))
                .post("/api/auth/register").then().statusCode(201).extract().jsonPath();
        return Api.session(body, email);
    }

    private static Map<String, Object> series(long trainerId, long clientId) {
        Map<String, Object> body = new HashMap<>();
        body.put("trainer_id", trainerId);
        body.put("client_id", clientId);
        body.put("start_date", "2027-03-16");
        body.put("start_time", "07:00");
        body.put("recurrence_pattern", "weekly");
        body.put("recurrence_days", List.of(1)); // Tuesday
        body.put("occurrences", 4);
        body.put("duration", "60");
        return body;
    }

    @Test
    void aWeeklySeriesKeepsItsLocalTimeAcrossTheClockChange() {
        Api.Session admin = londonStudio();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        // UK clocks go forward on 2027-03-28: 07:00 GMT is 07:00Z, 07:00 BST is 06:00Z.
        long seriesId = admin.as().body(series(trainer.id(), client.id())).post("/api/recurring-sessions")
                .then().statusCode(201)
                .body("sessions_created", equalTo(4))
                .body("skipped", hasSize(0))
                .body("recurring_session.start_time", equalTo("07:00:00"))
                .body("recurring_session.time_zone", equalTo("Europe/London"))
                .body("recurring_session.recurrence_days", contains(1))
                .extract().jsonPath().getLong("recurring_session.id");
        admin.as().get("/api/sessions?trainer_id=" + trainer.id()).then().statusCode(200)
                .body("session_date", contains("2027-03-16T07:00:00Z", "2027-03-23T07:00:00Z",
                        "2027-03-30T06:00:00Z", "2027-04-06T06:00:00Z"))
                .body("recurring_session_id", contains((int) seriesId, (int) seriesId, (int) seriesId, (int) seriesId));
        admin.as().get("/api/recurring-sessions").then().statusCode(200).body("id", contains((int) seriesId));
    }

    @Test
    void takenSlotsAreSkippedAndReported() {
        Api.Session admin = londonStudio();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        Api.Person other = Api.client(admin);
        long taken = admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", other.id(),
                        "session_date", "2027-03-23T07:30", "duration", 30))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        admin.as().body(series(trainer.id(), client.id())).post("/api/recurring-sessions")
                .then().statusCode(201)
                .body("sessions_created", equalTo(3))
                .body("skipped", hasSize(1))
                .body("skipped[0].session_date", equalTo("2027-03-23T07:00:00Z"))
                .body("skipped[0].reason", equalTo("overlaps session " + taken));
    }

    @Test
    void invalidRulesCreateNothing() {
        Api.Session admin = londonStudio();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        Map<String, Object> bad = series(trainer.id(), client.id());
        bad.put("start_time", "7 o'clock");
        admin.as().body(bad).post("/api/recurring-sessions").then().statusCode(400)
                .body("details[0].field", equalTo("start_time"));
        bad = series(trainer.id(), client.id());
        bad.put("recurrence_pattern", "yearly");
        admin.as().body(bad).post("/api/recurring-sessions").then().statusCode(400)
                .body("details[0].field", equalTo("recurrence_pattern"));
        bad = series(trainer.id(), client.id());
        bad.put("recurrence_days", List.of(7));
        admin.as().body(bad).post("/api/recurring-sessions").then().statusCode(400)
                .body("details[0].field", equalTo("recurrence_days"));
        bad = series(trainer.id(), client.id());
        bad.put("end_date", "2027-03-01");
        bad.remove("occurrences");
        admin.as().body(bad).post("/api/recurring-sessions").then().statusCode(400)
                .body("details[0].field", equalTo("end_date"));
        admin.as().get("/api/recurring-sessions").then().body("$", hasSize(0));
        admin.as().get("/api/sessions").then().body("$", hasSize(0));
    }

    @Test
    void endingASeriesCanRemoveItsUpcomingSessionsAndClientsCannotCreateSeries() {
        Api.Session admin = londonStudio();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        long id = trainer.session().as().body(series(trainer.id(), client.id())).post("/api/recurring-sessions")
                .then().statusCode(201).extract().jsonPath().getLong("recurring_session.id");
        client.session().as().body(series(trainer.id(), client.id())).post("/api/recurring-sessions")
                .then().statusCode(403);
        Api.Session stranger = londonStudio();
        stranger.as().delete("/api/recurring-sessions/" + id + "?delete_future=true").then().statusCode(404);
        trainer.session().as().delete("/api/recurring-sessions/" + id + "?delete_future=true").then().statusCode(200);
        admin.as().get("/api/sessions").then().body("$", hasSize(0));
        admin.as().get("/api/recurring-sessions?active=false").then().body("[0].active", equalTo(false));
    }
}
