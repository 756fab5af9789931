package com.fitnesscrm.people;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client's portal reads from the people lists (issue 8): their own trainers from {@code GET /api/trainers}
 * (only those, only contact fields) and their own record from {@code GET /api/clients}, both in the list shape;
 * and the first_name / last_name every trainer and client object carries.
 */
@QuarkusTest
class ClientDirectoryTest {

    /** The only keys a client sees of a trainer. */
    private static final Set<String> CONTACT_KEYS = Set.of("id", "name", "first_name", "last_name", "email", "phone",
            "specialization", "certification");

    private static void assign(Api.Session admin, long trainerId, long clientId) {
        admin.as().body(Map.of("trainer_id", trainerId, "client_id", clientId)).post("/api/crm/assign")
                .then().statusCode(201);
    }

    @Test
    void aClientListsOnlyTheirOwnTrainersAsContactCards() {
        Api.Session admin = Api.registerOrganization();
        Api.Person first = Api.trainer(admin);
        Api.Person second = Api.trainer(admin);
        Api.Person unassigned = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        Api.Person otherClient = Api.client(admin);
        assign(admin, first.id(), client.id());
        assign(admin, second.id(), client.id());
        assign(admin, unassigned.id(), otherClient.id());
        admin.as().body(Map.of("hourly_rate", 80, "bio", "Private notes", "specialization", "Mobility"))
                .put("/api/trainers/" + first.id()).then().statusCode(200);
        // Another organization's trainer, assigned to a client there.
        Api.Session theirs = Api.registerOrganization();
        Api.Person theirTrainer = Api.trainer(theirs);
        assign(theirs, theirTrainer.id(), Api.client(theirs).id());

        JsonPath page = client.session().as().get("/api/trainers").then().statusCode(200)
                .body("total", equalTo(2)).body("page", equalTo(1)).body("per_page", equalTo(25))
                .body("pages", equalTo(1)).body("has_next", equalTo(false)).body("has_prev", equalTo(false))
                .extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertEquals(Set.of((int) first.id(), (int) second.id()),
                Set.copyOf(items.stream().map(t -> (Integer) t.get("id")).toList()));
        assertEquals(items, page.getList("trainers"), "trainers repeats items");
        for (Map<String, Object> trainer : items) {
            assertEquals(CONTACT_KEYS, trainer.keySet(), "only contact fields: " + trainer);
            String name = (String) trainer.get("name");
            assertEquals(name.substring(0, name.indexOf(' ')), trainer.get("first_name"));
            assertEquals(name.substring(name.indexOf(' ') + 1), trainer.get("last_name"));
        }
        assertTrue(items.stream().anyMatch(t -> "Mobility".equals(t.get("specialization"))));

        // Filters and paging work as for staff, within the client's own trainers only.
        client.session().as().queryParam("per_page", "1").get("/api/trainers").then().statusCode(200)
                .body("total", equalTo(2)).body("items", org.hamcrest.Matchers.hasSize(1))
                .body("has_next", equalTo(true));
        client.session().as().queryParam("specialization", "mobility").get("/api/trainers").then().statusCode(200)
                .body("items.id", contains((int) first.id()));
        // A single trainer record stays staff-only, the unassigned one included.
        client.session().as().get("/api/trainers/" + unassigned.id()).then().statusCode(403);

        // A client with no trainer gets an empty page, not someone else's trainer.
        Api.Person loner = Api.client(admin);
        loner.session().as().get("/api/trainers").then().statusCode(200)
                .body("total", equalTo(0)).body("items", empty()).body("trainers", empty());
    }

    @Test
    void aClientsClientListIsTheirOwnRecord() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Api.Person colleague = Api.client(admin);
        Api.client(Api.registerOrganization());

        JsonPath page = client.session().as().queryParam("per_page", "1000").get("/api/clients").then()
                .statusCode(200).body("total", equalTo(1)).body("page", equalTo(1)).body("pages", equalTo(1))
                .body("items.id", contains((int) client.id())).body("clients.id", contains((int) client.id()))
                .extract().jsonPath();
        assertEquals("Asthma", page.getString("items[0].medical_conditions"), "their own full record");
        // No query narrows it to someone else; page 2 is empty.
        client.session().as().queryParam("search", colleague.session().email()).get("/api/clients").then()
                .statusCode(200).body("items.id", contains((int) client.id()));
        client.session().as().queryParam("page", "2").get("/api/clients").then().statusCode(200)
                .body("total", equalTo(1)).body("items", empty()).body("has_prev", equalTo(true));
    }

    @Test
    void trainerAndClientObjectsCarryFirstAndLastName() {
        Api.Session admin = Api.registerOrganization();
        long trainer = admin.as().body(Map.of("name", "Ada  Lovelace King", "email", Api.uniqueEmail("ada")))
                .post("/api/trainers").then().statusCode(201)
                .body("first_name", equalTo("Ada")).body("last_name", equalTo("Lovelace King"))
                .extract().jsonPath().getLong("id");
        long client = admin.as().body(Map.of("name", "Cher", "email", Api.uniqueEmail("cher")))
                .post("/api/clients").then().statusCode(201)
                .body("first_name", equalTo("Cher")).body("last_name", equalTo(""))
                .extract().jsonPath().getLong("id");
        admin.as().get("/api/clients?per_page=1000").then().statusCode(200)
                .body("items.find { it.id == " + client + " }.first_name", equalTo("Cher"));
        admin.as().get("/api/trainers/" + trainer).then().statusCode(200)
                .body("first_name", equalTo("Ada")).body("last_name", equalTo("Lovelace King"));
        // A rename changes both.
        admin.as().body(Map.of("name", "Cher Sarkisian")).put("/api/clients/" + client).then().statusCode(200)
                .body("first_name", equalTo("Cher")).body("last_name", equalTo("Sarkisian"));
    }
}
