package com.fitnesscrm.scheduling;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .ics export parses as real iCalendar (ical4j) and opens with a signed link instead of a header. */
@QuarkusTest
class CalendarExportTest {

    @Test
    void theExportIsValidICalendarAndTheSignedLinkWorksWithoutAHeader() throws Exception {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        Api.Person other = Api.client(admin);
        admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", client.id(), "session_date", "2027-02-01T09:00",
                "duration", 60, "session_type", "Strength; legs, glutes", "location", "Studio A",
                "notes", "Line one\nLine two — with a long note that goes on and on so that the line must be folded"))
                .post("/api/sessions").then().statusCode(201);
        admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", other.id(), "session_date", "2027-02-02T09:00",
                "duration", 30, "status", "requested")).post("/api/sessions").then().statusCode(201);

        String ics = admin.as().get("/api/sessions/export/ical?start_date=2027-02-01&end_date=2027-02-28")
                .then().statusCode(200).contentType(startsWith("text/calendar"))
                .header("Content-Disposition", containsString("sessions.ics"))
                .extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(2, events.size());
        VEvent first = events.get(0);
        assertEquals("20270201T090000Z", first.getProperty(Property.DTSTART).orElseThrow().getValue());
        assertEquals("20270201T100000Z", first.getProperty(Property.DTEND).orElseThrow().getValue());
        assertTrue(first.getProperty(Property.SUMMARY).orElseThrow().getValue().startsWith("Strength; legs, glutes"));
        assertTrue(first.getProperty(Property.DESCRIPTION).orElseThrow().getValue().contains("Line one\nLine two"));
        assertEquals("TENTATIVE", events.get(1).getProperty(Property.STATUS).orElseThrow().getValue());

        // The client's own export holds only their session.
        String mine = client.session().as().get("/api/sessions/export/ical").then().statusCode(200).extract().asString();
        assertEquals(1, new CalendarBuilder().build(new StringReader(mine)).getComponents("VEVENT").size());

        // A plain link (no header) needs the signed URL.
        given().get("/api/sessions/export/ical").then().statusCode(401);
        String url = admin.as().get("/api/sessions/export/link?start_date=2027-02-01").then().statusCode(200)
                .extract().jsonPath().getString("url");
        URI link = URI.create(url);
        String pathAndQuery = link.getRawPath() + "?" + link.getRawQuery();
        String viaLink = given().urlEncodingEnabled(false).get(pathAndQuery).then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
        assertEquals(2, new CalendarBuilder().build(new StringReader(viaLink)).getComponents("VEVENT").size());

        // The link's token is not an access token, and a forged one is refused.
        String token = link.getRawQuery().replaceAll(".*access_token=([^&]+).*", "$1");
        given().header("Authorization", "Bearer " + token).get("/api/auth/me").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/api/sessions/export/ical?access_token=" + token + "x")
                .then().statusCode(401);
    }
}
