package com.fitnesscrm.scheduling;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** "This", "this and following" and "all" edits of a series' occurrences, across the UK clock change. */
@QuarkusTest
class SeriesEditApiTest {

    private record Studio(Api.Session admin, Api.Person trainer, Api.Person client) {
    }

    private static Studio londonStudio() {
        String email = Api.uniqueEmail("series");
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "organization_name", "Series Studio",
                        "time_zone", "Europe/London"))
                .post("/api/auth/register").then().statusCode(201).extract().jsonPath();
        Api.Session admin = Api.session(body, email);
        return new Studio(admin, Api.trainer(admin), Api.client(admin));
    }

    /** Tuesdays 07:00 London from 2027-03-16: two in GMT (07:00Z), two in BST (06:00Z) after 2027-03-28. */
    private static List<Long> tuesdays(Studio s) {
        Map<String, Object> body = new HashMap<>();
        body.put("trainer_id", s.trainer().id());
        body.put("client_id", s.client().id());
        body.put("start_date", "2027-03-16");
        body.put("start_time", "07:00");
        body.put("recurrence_pattern", "weekly");
        body.put("recurrence_days", List.of(1));
        body.put("occurrences", 4);
        s.admin().as().body(body).post("/api/recurring-sessions").then().statusCode(201)
                .body("sessions_created", equalTo(4));
        return ids(s);
    }

    private static List<Long> ids(Studio s) {
        return s.admin().as().get("/api/sessions?client_id=" + s.client().id()).then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
    }

    private static List<String> starts(Studio s) {
        return s.admin().as().get("/api/sessions?client_id=" + s.client().id()).then().statusCode(200)
                .extract().jsonPath().getList("session_date", String.class);
    }

    @Test
    void thisAndFollowingMovesEachOccurrenceToTheNewLocalTimeAndSplitsTheSeries() {
        Studio s = londonStudio();
        List<Long> ids = tuesdays(s);
        s.admin().as().body(Map.of("session_date", "2027-03-23T08:30", "scope", "following"))
                .put("/api/sessions/" + ids.get(1)).then().statusCode(200)
                .body("session_date", equalTo("2027-03-23T08:30:00Z"));
        assertEquals(List.of("2027-03-16T07:00:00Z", "2027-03-23T08:30:00Z", "2027-03-30T07:30:00Z",
                "2027-04-06T07:30:00Z"), starts(s));

        List<Map<String, Object>> series = s.admin().as().get("/api/recurring-sessions").then().statusCode(200)
                .body("$", hasSize(2)).extract().jsonPath().getList("$");
        assertEquals("2027-03-22", series.get(0).get("end_date"));
        assertEquals("2027-03-23", series.get(1).get("start_date"));
        assertEquals("08:30:00", series.get(1).get("start_time"));
        List<Long> seriesOfSessions = s.admin().as().get("/api/sessions?client_id=" + s.client().id())
                .then().extract().jsonPath().getList("recurring_session_id", Long.class);
        assertEquals(seriesOfSessions.get(1), seriesOfSessions.get(3));
        assertEquals(((Number) series.get(1).get("id")).longValue(), seriesOfSessions.get(1));
    }

    @Test
    void allMovesADailySeriesByADayInOneGoAndThisChangesOnlyOne() {
        Studio s = londonStudio();
        Map<String, Object> body = new HashMap<>();
        body.put("trainer_id", s.trainer().id());
        body.put("client_id", s.client().id());
        body.put("start_date", "2027-04-12");
        body.put("start_time", "07:00");
        body.put("recurrence_pattern", "daily");
        body.put("occurrences", 3);
        s.admin().as().body(body).post("/api/recurring-sessions").then().statusCode(201);
        List<Long> ids = ids(s);
        // Each occurrence lands on the next one's old slot: only the deferred overlap check lets that pass.
        s.admin().as().body(Map.of("session_date", "2027-04-13T07:00", "duration", "45"))
                .put("/api/sessions/" + ids.get(0) + "?scope=all").then().statusCode(200);
        assertEquals(List.of("2027-04-13T06:00:00Z", "2027-04-14T06:00:00Z", "2027-04-15T06:00:00Z"), starts(s));
        s.admin().as().get("/api/sessions?client_id=" + s.client().id()).then()
                .body("duration", everyItem(equalTo(45)));

        s.admin().as().body(Map.of("notes", "Bring a towel", "scope", "this")).put("/api/sessions/" + ids.get(1))
                .then().statusCode(200);
        s.admin().as().get("/api/sessions?client_id=" + s.client().id()).then()
                .body("notes", contains(null, "Bring a towel", null));
    }

    @Test
    void aConflictAnywhereInTheScopeChangesNothing() {
        Studio s = londonStudio();
        List<Long> ids = tuesdays(s);
        Api.Person other = Api.client(s.admin());
        long blocker = s.admin().as().body(Map.of("trainer_id", s.trainer().id(), "client_id", other.id(),
                        "session_date", "2027-03-30T09:00", "duration", 60)).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        s.admin().as().body(Map.of("session_date", "2027-03-16T09:00", "scope", "all"))
                .put("/api/sessions/" + ids.get(0)).then().statusCode(409)
                .body("code", equalTo("session_conflict"))
                .body("details[0].field", equalTo("session " + ids.get(2)))
                .body("details[0].message", containsString("session " + blocker));
        assertEquals(List.of("2027-03-16T07:00:00Z", "2027-03-23T07:00:00Z", "2027-03-30T06:00:00Z",
                "2027-04-06T06:00:00Z"), starts(s));
        s.client().session().as().body(Map.of("status", "cancelled", "scope", "all"))
                .put("/api/sessions/" + ids.get(0)).then().statusCode(403);
        s.admin().as().body(Map.of("notes", "x")).put("/api/sessions/" + ids.get(0) + "?scope=everything")
                .then().statusCode(400).body("details[0].field", equalTo("scope"));
    }

    @Test
    void deletingFollowingEndsTheSeriesAndCancellingAllDeactivatesIt() {
        Studio s = londonStudio();
        List<Long> ids = tuesdays(s);
        s.admin().as().delete("/api/sessions/" + ids.get(2) + "?scope=following").then().statusCode(200)
                .body("message", equalTo("2 sessions deleted"));
        assertEquals(ids.subList(0, 2), ids(s));
        s.admin().as().get("/api/recurring-sessions").then().body("[0].end_date", equalTo("2027-03-29"));

        s.admin().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + ids.get(0) + "?scope=all")
                .then().statusCode(200).body("status", equalTo("cancelled"));
        s.admin().as().get("/api/sessions?client_id=" + s.client().id()).then()
                .body("status", everyItem(equalTo("cancelled"))).body("late_cancellation", everyItem(equalTo(false)));
        s.admin().as().get("/api/recurring-sessions").then().body("$", hasSize(0));
        s.admin().as().get("/api/recurring-sessions?active=false").then().body("[0].active", equalTo(false))
                .body("[0].end_date", equalTo("2027-03-29")).body("[0].occurrences", nullValue());
    }
}
