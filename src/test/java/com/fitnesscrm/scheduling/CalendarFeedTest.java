package com.fitnesscrm.scheduling;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secret calendar subscription: created, fetched without a bearer token, scoped, rotated and revoked. */
@QuarkusTest
class CalendarFeedTest {

    @ConfigProperty(name = "app.base-url")
    String baseUrl;

    /** The path of a feed URL on the server under test: everything from "/api/". */
    private static String pathOf(String url) {
        return url.substring(url.indexOf("/api/"));
    }

    /** Fetches a feed as a calendar app does: no Authorization header. */
    private static Response fetch(String url) {
        return given().urlEncodingEnabled(false).get(pathOf(url));
    }

    private static List<VEvent> events(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        return calendar.getComponents("VEVENT");
    }

    private static Set<String> uids(List<VEvent> events) {
        return events.stream().map(e -> e.getProperty(Property.UID).orElseThrow().getValue())
                .collect(Collectors.toSet());
    }

    private static long book(Api.Session as, long trainerId, long clientId, String start) {
        return as.as().body(Map.of("trainer_id", String.valueOf(trainerId), "client_id", String.valueOf(clientId),
                        "session_date", start, "duration", "60", "session_type", "Strength"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aFeedIsReadWithoutAHeaderShowsOnlyWhatItsOwnerMaySeeAndCanBeRotatedAndRevoked() throws Exception {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Api.Person otherClient = Api.client(trainer.session());
        Api.Person otherTrainer = Api.trainer(admin);
        Api.Person strangerClient = Api.client(otherTrainer.session());
        String day = LocalDate.now().plusDays(7).toString();
        long mine = book(trainer.session(), trainer.id(), client.id(), day + "T09:00");
        long theirs = book(trainer.session(), trainer.id(), otherClient.id(), day + "T11:00");
        long elsewhere = book(otherTrainer.session(), otherTrainer.id(), strangerClient.id(), day + "T09:00");

        Api.Session t = trainer.session();
        t.as().get("/api/calendar/feed").then().statusCode(404).body("error", notNullValue());
        given().post("/api/calendar/feed").then().statusCode(401);

        String url = t.as().post("/api/calendar/feed").then().statusCode(201)
                .body("url", startsWith(baseUrl.replaceAll("/+$", "") + "/api/calendar/feed/"))
                .body("url", endsWith(".ics"))
                .body("created_at", notNullValue())
                .body("last_polled_at", nullValue())
                .extract().jsonPath().getString("url");
        t.as().get("/api/calendar/feed").then().statusCode(200).body("url", equalTo(url));
        t.as().get("/api/settings").then().statusCode(200).body("calendar_feed_url", equalTo(url));

        String ics = fetch(url).then().statusCode(200)
                .contentType(startsWith("text/calendar"))
                .header("Cache-Control", containsString("private"))
                .extract().asString();
        List<VEvent> trainerEvents = events(ics);
        assertEquals(Set.of("session-" + mine + "@fitnesscrm.app", "session-" + theirs + "@fitnesscrm.app"),
                uids(trainerEvents), "the trainer's feed holds their own sessions only");
        VEvent first = trainerEvents.stream()
                .filter(e -> e.getProperty(Property.UID).orElseThrow().getValue().equals("session-" + mine + "@fitnesscrm.app"))
                .findFirst().orElseThrow();
        String compact = day.replace("-", "");
        assertEquals(compact + "T090000Z", first.getProperty(Property.DTSTART).orElseThrow().getValue());
        assertEquals(compact + "T100000Z", first.getProperty(Property.DTEND).orElseThrow().getValue());
        assertTrue(first.getProperty(Property.SUMMARY).orElseThrow().getValue().startsWith("Strength"));
        t.as().get("/api/calendar/feed").then().statusCode(200).body("last_polled_at", notNullValue());

        // A client's feed holds only their own session.
        String clientUrl = client.session().as().post("/api/calendar/feed").then().statusCode(201)
                .extract().jsonPath().getString("url");
        assertNotEquals(url, clientUrl);
        List<VEvent> clientEvents = events(fetch(clientUrl).then().statusCode(200).extract().asString());
        assertEquals(Set.of("session-" + mine + "@fitnesscrm.app"), uids(clientEvents));
        client.session().as().get("/api/settings").then().statusCode(200).body("calendar_feed_url", equalTo(clientUrl));

        // The admin's feed holds the whole organization.
        String adminUrl = admin.as().post("/api/calendar/feed").then().statusCode(201).extract().jsonPath().getString("url");
        assertEquals(Set.of("session-" + mine + "@fitnesscrm.app", "session-" + theirs + "@fitnesscrm.app",
                        "session-" + elsewhere + "@fitnesscrm.app"),
                uids(events(fetch(adminUrl).then().statusCode(200).extract().asString())));

        // Rotating: the old URL stops working at once (JSON 404), the new one works.
        String rotated = t.as().post("/api/calendar/feed").then().statusCode(201).extract().jsonPath().getString("url");
        assertNotEquals(url, rotated);
        fetch(url).then().statusCode(404).contentType(startsWith("application/json")).body("error", notNullValue());
        assertEquals(2, events(fetch(rotated).then().statusCode(200).extract().asString()).size());
        t.as().get("/api/calendar/feed").then().statusCode(200).body("url", equalTo(rotated));
        t.as().get("/api/settings").then().statusCode(200).body("calendar_feed_url", equalTo(rotated));
        // Other users' feeds are untouched by the trainer's rotation.
        fetch(clientUrl).then().statusCode(200);

        // Revoking.
        t.as().delete("/api/calendar/feed").then().statusCode(200).body("message", notNullValue());
        fetch(rotated).then().statusCode(404).contentType(startsWith("application/json"));
        t.as().get("/api/calendar/feed").then().statusCode(404);
        t.as().delete("/api/calendar/feed").then().statusCode(404);
        t.as().get("/api/settings").then().statusCode(200).body("calendar_feed_url", nullValue());
        fetch(clientUrl).then().statusCode(200);

        // Unknown tokens, and a feed's token is no bearer token.
        given().get("/api/calendar/feed/not-a-real-token.ics").then().statusCode(404)
                .contentType(startsWith("application/json")).body("error", notNullValue());
        String clientToken = clientUrl.substring(clientUrl.lastIndexOf('/') + 1, clientUrl.length() - ".ics".length());
        given().header("Authorization", "Bearer " + clientToken).get("/api/auth/me").then().statusCode(401);
        given().get("/api/calendar/feed/" + clientToken + "x.ics").then().statusCode(404);
    }

    @Test
    void anotherOrganizationCannotSeeOrRevokeAFeed() {
        Api.Session admin = Api.registerOrganization();
        String url = admin.as().post("/api/calendar/feed").then().statusCode(201).extract().jsonPath().getString("url");
        Api.Session other = Api.registerOrganization();
        other.as().get("/api/calendar/feed").then().statusCode(404);
        other.as().delete("/api/calendar/feed").then().statusCode(404);
        other.as().get("/api/settings").then().statusCode(200).body("calendar_feed_url", nullValue());
        fetch(url).then().statusCode(200);
    }
}
