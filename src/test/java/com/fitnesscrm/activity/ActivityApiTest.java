package com.fitnesscrm.activity;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ActivityApiTest {

    @Test
    void creatingUpdatingAndDeletingAClientLeavesThreeRowsNewestFirst() {
        Api.Session admin = Api.registerOrganization();
        String email = Api.uniqueEmail("feed");
        long id = admin.as().body(Map.of("name", "Feed Client", "email", email, "age", "30", "phone", ""))
                .post("/api/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        admin.as().body(Map.of("phone", "+1 555 0199", "status", "inactive", "name", "Feed Client"))
                .put("/api/clients/" + id).then().statusCode(200);
        admin.as().delete("/api/clients/" + id).then().statusCode(200);

        JsonPath feed = admin.as().get("/api/activity?entity_type=client&entity_id=" + id)
                .then().statusCode(200)
                .body("count", equalTo(3))
                .body("activities.action", contains("delete", "update", "create"))
                .body("activities.entity_type", everyItem(equalTo("client")))
                .body("activities.entity_id", everyItem(equalTo((int) id)))
                .body("activities.name", everyItem(equalTo("Feed Client")))
                .body("activities.email", everyItem(equalTo(email)))
                .body("activities.user_identifier", everyItem(equalTo(admin.email())))
                .body("activities.role", everyItem(equalTo("admin")))
                .body("activities[1].details.fields", contains("phone", "status"))
                .body("activities[0].details", equalTo(Map.of()))
                .body("activities[0].contact", nullValue())
                .body("activities[0].ip_address", notNullValue())
                .body("activities[0].user_agent", notNullValue())
                .extract().jsonPath();
        for (int i = 0; i < 3; i++) {
            String created = feed.getString("activities[" + i + "].created_at");
            assertEquals(created, feed.getString("activities[" + i + "].timestamp"));
        }
    }

    @Test
    void aRefusedChangeLeavesNoRow() {
        Api.Session admin = Api.registerOrganization();
        String email = Api.uniqueEmail("dup");
        admin.as().body(Map.of("name", "First", "email", email)).post("/api/clients").then().statusCode(201);
        admin.as().body(Map.of("name", "Second", "email", email)).post("/api/clients").then().statusCode(409);
        admin.as().get("/api/activity").then().statusCode(200)
                .body("count", equalTo(1)).body("activities.name", contains("First"));
    }

    @Test
    void actionAndEntityTypeFilterAndEmptyStringsMeanNoFilter() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        long client = Api.client(admin).id();
        admin.as().body(Map.of("goals", "Strength")).put("/api/clients/" + client).then().statusCode(200);
        admin.as().body(Map.of("bio", "Coach")).put("/api/trainers/" + trainer.id()).then().statusCode(200);

        admin.as().get("/api/activity?action=update&entity_type=").then().statusCode(200)
                .body("count", equalTo(2))
                .body("activities.action", everyItem(equalTo("update")))
                .body("activities.entity_type", contains("trainer", "client"))
                .body("activities[0].details.fields", contains("bio"));
        admin.as().get("/api/activity?action=update&entity_type=client").then().statusCode(200)
                .body("count", equalTo(1)).body("activities[0].entity_id", equalTo((int) client));
        admin.as().get("/api/activity?action=create").then().statusCode(200)
                .body("activities.entity_type", containsInAnyOrder("trainer", "client"));
        admin.as().get("/api/activity?action=&entity_type=&entity_id=").then().statusCode(200)
                .body("count", equalTo(4));
        admin.as().get("/api/activity?action=view").then().statusCode(200)
                .body("count", equalTo(0)).body("activities", equalTo(List.of()));
    }

    @Test
    void limitDefaultsCapsAndRejectsBadNumbers() {
        Api.Session admin = Api.registerOrganization();
        for (int i = 0; i < 3; i++) {
            admin.as().body(Map.of("name", "Limit " + i, "email", Api.uniqueEmail("limit")))
                    .post("/api/clients").then().statusCode(201);
        }
        admin.as().get("/api/activity?limit=2").then().statusCode(200)
                .body("count", equalTo(2)).body("activities.name", contains("Limit 2", "Limit 1"));
        admin.as().get("/api/activity/recent?limit=1").then().statusCode(200)
                .body("count", equalTo(1)).body("activities[0].name", equalTo("Limit 2"));
        // The SPA's "all" (1000) and anything above it are served, capped at 1000 rows.
        admin.as().get("/api/activity/recent?limit=1000").then().statusCode(200).body("count", equalTo(3));
        admin.as().get("/api/activity?limit=50000").then().statusCode(200).body("count", equalTo(3));
        admin.as().get("/api/activity/recent").then().statusCode(200).body("count", equalTo(3));

        admin.as().get("/api/activity?limit=abc").then().statusCode(400)
                .body("status", equalTo(400)).body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("limit"));
        admin.as().get("/api/activity/recent?limit=ten").then().statusCode(400)
                .body("details[0].field", equalTo("limit"));
        admin.as().get("/api/activity/recent?limit=0").then().statusCode(400)
                .body("details[0].field", equalTo("limit"));
        admin.as().get("/api/activity?entity_id=x1").then().statusCode(400)
                .body("error", notNullValue()).body("details[0].field", equalTo("entity_id"));
        given().get("/api/activity").then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void statsCountWhatTheCallerMaySee() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);                          // create trainer
        long kept = Api.client(admin).id();                              // create client
        long gone = Api.client(admin).id();                              // create client
        admin.as().body(Map.of("phone", "+1 555 0101")).put("/api/clients/" + kept)
                .then().statusCode(200);                                    // update client
        admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", kept))
                .post("/api/crm/assign").then().statusCode(201);           // create assignment
        admin.as().delete("/api/clients/" + gone).then().statusCode(200);  // delete client

        JsonPath stats = admin.as().get("/api/activity/stats").then().statusCode(200)
                .body("total_activities", equalTo(6)).extract().jsonPath();
        assertEquals(Map.of("create", 4, "update", 1, "delete", 1), counts(stats, "by_action", "action"));
        assertEquals(Map.of("client", 4, "trainer", 1, "assignment", 1),
                counts(stats, "by_entity_type", "entity_type"));
        assertEquals("create", stats.getString("by_action[0].action"), "largest group first");

        // The trainer sees their own record's row, the assignment and the client they train (create, update).
        JsonPath mine = trainer.session().as().get("/api/activity/stats").then().statusCode(200)
                .body("total_activities", equalTo(4)).extract().jsonPath();
        assertEquals(Map.of("create", 3, "update", 1), counts(mine, "by_action", "action"));
        assertEquals(Map.of("client", 2, "trainer", 1, "assignment", 1),
                counts(mine, "by_entity_type", "entity_type"));

        Api.Session stranger = Api.registerOrganization();
        stranger.as().get("/api/activity/stats").then().statusCode(200)
                .body("total_activities", equalTo(0))
                .body("by_action", equalTo(List.of())).body("by_entity_type", equalTo(List.of()));
    }

    @Test
    void trainersSeeTheirClientsClientsThemselvesAndOtherOrganizationsNothing() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person colleague = Api.trainer(admin);
        Api.Person trained = Api.client(admin);
        Api.Person other = Api.client(admin);
        admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", trained.id()))
                .post("/api/crm/assign").then().statusCode(201);
        admin.as().body(Map.of("goals", "Mobility")).put("/api/clients/" + trained.id()).then().statusCode(200);
        admin.as().body(Map.of("goals", "Speed")).put("/api/clients/" + other.id()).then().statusCode(200);
        long own = Api.client(trainer.session()).id();
        trained.session().as().body(Map.of("emergency_contact", "Sam")).put("/api/clients/" + trained.id())
                .then().statusCode(200);

        JsonPath seen = trainer.session().as().get("/api/activity").then().statusCode(200)
                .body("activities.ip_address", everyItem(nullValue()))
                .body("activities.user_agent", everyItem(nullValue()))
                .extract().jsonPath();
        List<String> rows = keys(seen);
        assertTrue(rows.containsAll(List.of("trainer:" + trainer.id(), "client:" + trained.id(),
                "client:" + own)), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("assignment:")), rows.toString());
        assertFalse(rows.contains("client:" + other.id()), rows.toString());
        assertFalse(rows.contains("trainer:" + colleague.id()), rows.toString());
        trainer.session().as().get("/api/activity/recent").then().statusCode(200)
                .body("count", equalTo(rows.size()));

        colleague.session().as().get("/api/activity").then().statusCode(200)
                .body("activities.entity_type", contains("trainer"))
                .body("activities.entity_id", contains((int) colleague.id()));

        JsonPath client = trained.session().as().get("/api/activity").then().statusCode(200)
                .body("activities[0].user_identifier", equalTo(trained.session().email()))
                .body("activities[0].role", equalTo("client"))
                .body("activities[0].details.fields", contains("emergency_contact"))
                .body("activities[0].ip_address", nullValue())
                .extract().jsonPath();
        List<String> clientRows = keys(client);
        assertTrue(clientRows.stream().allMatch(r -> r.equals("client:" + trained.id()) || r.startsWith("assignment:")),
                clientRows.toString());
        assertEquals(4, clientRows.size(), clientRows.toString()); // create, assignment, admin's update, own update

        Api.Session stranger = Api.registerOrganization();
        stranger.as().get("/api/activity").then().statusCode(200).body("count", equalTo(0));
        stranger.as().get("/api/activity?entity_type=client&entity_id=" + trained.id()).then().statusCode(200)
                .body("count", equalTo(0));
        admin.as().get("/api/activity").then().statusCode(200)
                .body("activities.entity_id", hasItem((int) other.id()))
                .body("activities.entity_id", not(hasItem(nullValue())));
    }

    private static List<String> keys(JsonPath feed) {
        List<String> types = feed.getList("activities.entity_type", String.class);
        List<Long> ids = feed.getList("activities.entity_id", Long.class);
        return java.util.stream.IntStream.range(0, types.size()).mapToObj(i -> types.get(i) + ":" + ids.get(i)).toList();
    }

    private static Map<String, Integer> counts(JsonPath stats, String list, String key) {
        List<Map<String, Object>> rows = stats.getList(list);
        return rows.stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get(key),
                r -> ((Number) r.get("count")).intValue()));
    }
}
