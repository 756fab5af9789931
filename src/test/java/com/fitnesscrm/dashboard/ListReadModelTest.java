package com.fitnesscrm.dashboard;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The session list (the calendar's week) and the clients page are read models cached in Redis: served as
 * computed, seen changed by the very next read after each kind of write that changes them, and never one caller's
 * answer to another.
 */
@QuarkusTest
class ListReadModelTest {

    private static final String CLIENTS = "/api/clients?per_page=25";

    @Inject
    DataSource database;

    @Test
    void theWeekIsCachedAndEveryKindOfSessionWriteIsSeenByTheNextRead() throws SQLException {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Instant monday = LocalDate.now(ZoneOffset.UTC).plusWeeks(1).with(java.time.DayOfWeek.MONDAY)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        String week = "/api/sessions?trainer_id=" + trainer.id() + "&start_date=" + monday + "&end_date="
                + monday.plus(Duration.ofDays(7)).minusMillis(1);
        long first = ReadModelFixtures.session(trainer, client, monday.plus(Duration.ofHours(10)));

        String computed = trainer.session().as().get(week).then().statusCode(200).extract().asString();
        assertEquals(computed, trainer.session().as().get(week).then().statusCode(200).extract().asString());
        // Behind the services' back the session moves: the cached week still shows it where it was...
        ReadModelFixtures.behindTheServices(database,
                "update training_sessions set notes = 'changed behind its back' where id = ?", first);
        assertEquals(computed, trainer.session().as().get(week).then().extract().asString());

        // ...and each write through the API is seen by the very next read.
        long second = ReadModelFixtures.session(trainer, client, monday.plus(Duration.ofHours(30)));
        trainer.session().as().get(week).then().body("id", contains((int) first, (int) second));
        trainer.session().as().body(Map.of("session_date", monday.plus(Duration.ofHours(50)).toString()))
                .put("/api/sessions/" + first).then().statusCode(200);
        trainer.session().as().get(week).then().body("id", contains((int) second, (int) first));
        trainer.session().as().body(Map.of("status", "cancelled")).put("/api/sessions/" + second)
                .then().statusCode(200);
        trainer.session().as().get(week).then().body("find { it.id == " + second + " }.status", equalTo("cancelled"));
        admin.as().delete("/api/sessions/" + second).then().statusCode(200);
        trainer.session().as().get(week).then().body("id", contains((int) first));

        // A client's new name is in the list form.
        admin.as().body(Map.of("name", "Renamed Client")).put("/api/clients/" + client.id()).then().statusCode(200);
        trainer.session().as().get(week).then().body("client_name", contains("Renamed Client"));

        // A weekly series from that Monday adds its occurrence; deleting the series removes it.
        Map<String, Object> series = new HashMap<>();
        series.put("trainer_id", trainer.id());
        series.put("client_id", client.id());
        series.put("start_date", LocalDate.ofInstant(monday, ZoneOffset.UTC).toString());
        series.put("start_time", "07:00");
        series.put("recurrence_pattern", "weekly");
        series.put("recurrence_days", List.of(0));
        series.put("occurrences", 2);
        series.put("duration", "60");
        admin.as().body(series).post("/api/recurring-sessions").then().statusCode(201);
        List<Integer> ids = trainer.session().as().get(week).then().extract().jsonPath().getList("id");
        assertEquals(2, ids.size(), "the series' first occurrence is in the week");
        admin.as().delete("/api/sessions/" + ids.get(0) + "?scope=following").then().statusCode(200);
        trainer.session().as().get(week).then().body("id", contains((int) first));
    }

    @Test
    void theClientsPageIsCachedAndClientAndAssignmentWritesAreSeenByTheNextRead() throws SQLException {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());

        String computed = admin.as().get(CLIENTS).then().statusCode(200).body("total", equalTo(1))
                .extract().asString();
        assertEquals(computed, admin.as().get(CLIENTS).then().statusCode(200).extract().asString());
        ReadModelFixtures.behindTheServices(database,
                "update clients set goals = 'changed behind its back' where id = ?", client.id());
        assertEquals(computed, admin.as().get(CLIENTS).then().extract().asString());

        long second = admin.as().body(Map.of("name", "Another Client", "email", Api.uniqueEmail("another")))
                .post("/api/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        admin.as().get(CLIENTS).then().body("total", equalTo(2)).body("clients.id", hasItem((int) second));
        trainer.session().as().get(CLIENTS).then().body("items.id", contains((int) client.id()));

        admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", second)).post("/api/crm/assign")
                .then().statusCode(201);
        trainer.session().as().get(CLIENTS).then().body("total", equalTo(2));

        admin.as().body(Map.of("name", "Zed Renamed")).put("/api/clients/" + client.id()).then().statusCode(200);
        admin.as().get(CLIENTS).then().body("items.name", contains("Another Client", "Zed Renamed"));

        admin.as().delete("/api/clients/" + second).then().statusCode(200);
        admin.as().get(CLIENTS).then().body("total", equalTo(1));
        trainer.session().as().get(CLIENTS).then().body("items.id", contains((int) client.id()));
    }

    @Test
    void cachedListsNeverWidenWhoSeesWhat() {
        Api.Session admin = Api.registerOrganization();
        Api.Person alex = Api.trainer(admin);
        Api.Person blair = Api.trainer(admin);
        Api.Person alexsClient = Api.client(alex.session());
        Api.Person blairsClient = Api.client(blair.session());
        Api.Session stranger = Api.registerOrganization();
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        long alexsSession = ReadModelFixtures.session(alex, alexsClient, tomorrow);
        long blairsSession = ReadModelFixtures.session(blair, blairsClient, tomorrow);
        String all = "/api/sessions?start_date=" + tomorrow.minus(Duration.ofDays(1)) + "&end_date="
                + tomorrow.plus(Duration.ofDays(1));

        for (int round = 0; round < 2; round++) { // the second round is served from the cache
            admin.as().get(all).then().statusCode(200).body("id", contains((int) alexsSession, (int) blairsSession));
            alex.session().as().get(all).then().body("id", contains((int) alexsSession));
            blair.session().as().get(all).then().body("id", contains((int) blairsSession));
            alexsClient.session().as().get(all).then().body("id", contains((int) alexsSession));
            blairsClient.session().as().get(all).then().body("id", contains((int) blairsSession));
            stranger.as().get(all).then().statusCode(200).body("$", empty());

            admin.as().get(CLIENTS).then().body("total", equalTo(2));
            alex.session().as().get(CLIENTS).then().body("items.id", contains((int) alexsClient.id()));
            blair.session().as().get(CLIENTS).then().body("items.id", contains((int) blairsClient.id()));
            alexsClient.session().as().get(CLIENTS).then().body("items.id", contains((int) alexsClient.id()));
            stranger.as().get(CLIENTS).then().body("total", equalTo(0));
        }

        // Right after a write: the writer's view changes, the others' stay their own.
        long later = ReadModelFixtures.session(alex, alexsClient, tomorrow.plus(Duration.ofHours(3)));
        alex.session().as().get(all).then().body("id", contains((int) alexsSession, (int) later));
        blair.session().as().get(all).then().body("id", contains((int) blairsSession));
        blairsClient.session().as().get(all).then().body("id", not(hasItem((int) later)));
        stranger.as().get(all).then().body("$", empty());
        stranger.as().get(CLIENTS).then().body("total", equalTo(0));
    }
}
