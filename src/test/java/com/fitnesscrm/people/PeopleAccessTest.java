package com.fitnesscrm.people;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PeopleAccessTest {

    @Test
    void anotherOrganizationsTrainersAndClientsAreNotFound() {
        Api.Session mine = Api.registerOrganization();
        Api.Session theirs = Api.registerOrganization();
        long theirClient = Api.client(theirs).id();
        long theirTrainer = Api.trainer(theirs).id();

        mine.as().get("/api/clients/" + theirClient).then().statusCode(404).body("error", equalTo("Client not found"));
        mine.as().body(Map.of("name", "Hijacked")).put("/api/clients/" + theirClient).then().statusCode(404);
        mine.as().delete("/api/clients/" + theirClient).then().statusCode(404);
        mine.as().body(Map.of("password", Api.PASSWORD)).post("/api/clients/" + theirClient + "/change-password")
                .then().statusCode(404);
        mine.as().get("/api/trainers/" + theirTrainer).then().statusCode(404);
        mine.as().body(Map.of("bio", "Hijacked")).put("/api/trainers/" + theirTrainer).then().statusCode(404);
        mine.as().delete("/api/trainers/" + theirTrainer).then().statusCode(404);
        long myTrainer = Api.trainer(mine).id();
        mine.as().body(Map.of("trainer_id", myTrainer, "client_id", theirClient))
                .post("/api/crm/assign").then().statusCode(404);
        mine.as().get("/api/clients?per_page=1000").then().statusCode(200)
                .body("items.id", not(hasItem((int) theirClient)));
        theirs.as().get("/api/clients/" + theirClient).then().statusCode(200).body("name", containsString("Client"));
    }

    @Test
    void aTrainerSeesOnlyAssignedClientsAndAClientOnlyThemself() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person assigned = Api.client(admin);
        Api.Person unassigned = Api.client(admin);
        admin.as().body(Map.of("trainer_id", String.valueOf(trainer.id()), "client_id", String.valueOf(assigned.id()),
                        "notes", "Mondays"))
                .post("/api/crm/assign").then().statusCode(201)
                .body("trainer_id", equalTo((int) trainer.id())).body("notes", equalTo("Mondays"));

        trainer.session().as().get("/api/clients/" + unassigned.id()).then().statusCode(404);
        trainer.session().as().body(Map.of("goals", "x")).put("/api/clients/" + unassigned.id()).then().statusCode(404);
        trainer.session().as().get("/api/clients/" + assigned.id()).then().statusCode(200)
                .body("medical_conditions", equalTo("Asthma")).body("emergency_phone", equalTo("+1 555 0100"));
        trainer.session().as().get("/api/clients").then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains((int) assigned.id()));
        // A trainer cannot claim a client they do not train.
        trainer.session().as().body(Map.of("trainer_id", trainer.id(), "client_id", unassigned.id()))
                .post("/api/crm/assign").then().statusCode(404);

        assigned.session().as().get("/api/clients/me").then().statusCode(200).body("id", equalTo((int) assigned.id()));
        assigned.session().as().get("/api/clients/" + assigned.id()).then().statusCode(200);
        assigned.session().as().get("/api/clients/" + unassigned.id()).then().statusCode(404);
        // A client's lists hold only themself and their own trainer (ClientDirectoryTest covers them in full).
        assigned.session().as().get("/api/clients").then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains((int) assigned.id()));
        assigned.session().as().get("/api/trainers").then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains((int) trainer.id()));
        assigned.session().as().get("/api/crm/assignments").then().statusCode(200)
                .body("client_id", contains((int) assigned.id()));

        // A client edits their own details but not their status.
        assigned.session().as().body(Map.of("emergency_contact", "Sam", "status", "inactive", "age", "41"))
                .put("/api/clients/" + assigned.id()).then().statusCode(200)
                .body("emergency_contact", equalTo("Sam")).body("status", equalTo("active")).body("age", equalTo(41));
    }

    @Test
    void aTrainersNewClientIsAssignedToThem() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        long clientId = Api.client(trainer.session()).id();
        trainer.session().as().get("/api/clients/" + clientId).then().statusCode(200);
        trainer.session().as().get("/api/crm/assignments").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].client_id", equalTo((int) clientId));
        trainer.session().as().body(Map.of("name", "Nope", "email", Api.uniqueEmail("t")))
                .post("/api/trainers").then().statusCode(403);
    }

    @Test
    void formStringsAreReadAsNumbersAndBadNumbersNameTheField() {
        Api.Session admin = Api.registerOrganization();
        Map<String, Object> form = new HashMap<>();
        form.put("name", "Form Trainer");
        form.put("email", Api.uniqueEmail("form"));
        form.put("password", "");
        form.put("phone", "");
        form.put("experience", "7");
        form.put("hourly_rate", "");
        long id = admin.as().body(form).post("/api/trainers").then().statusCode(201)
                .body("experience", equalTo(7)).body("phone", nullValue()).body("hourly_rate", nullValue())
                .body("user_id", nullValue())
                .extract().jsonPath().getLong("id");

        admin.as().body(Map.of("bio", "Ex-rower", "hourly_rate", "72.50")).put("/api/trainers/" + id)
                .then().statusCode(200).body("bio", equalTo("Ex-rower")).body("hourly_rate", equalTo(72.5f));
        admin.as().get("/api/trainers/" + id).then().body("bio", equalTo("Ex-rower")).body("experience", equalTo(7));

        admin.as().body(Map.of("experience", "seven")).put("/api/trainers/" + id).then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("experience"))
                .body("error", containsString("experience"));
        admin.as().body(Map.of("experience", "-3")).put("/api/trainers/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("experience"));
        admin.as().get("/api/trainers/" + id).then().body("experience", equalTo(7));

        admin.as().body(Map.of("name", "Kid", "email", Api.uniqueEmail("kid"), "age", "12.5x"))
                .post("/api/clients").then().statusCode(400).body("details[0].field", equalTo("age"));
        admin.as().body(Map.of("name", "", "email", "")).post("/api/clients").then().statusCode(400)
                .body("details.field", hasItem("name")).body("details.field", hasItem("email"));
    }

    @Test
    void clientEditsPersistTheFieldsTheOldAppDropped() {
        Api.Session admin = Api.registerOrganization();
        long id = Api.client(admin).id();
        admin.as().body(Map.of("emergency_contact", "Jo Parent", "emergency_phone", "+44 20 7946 0000",
                        "status", "pending", "age", "", "phone", ""))
                .put("/api/clients/" + id).then().statusCode(200);
        admin.as().get("/api/clients/" + id).then().statusCode(200)
                .body("emergency_contact", equalTo("Jo Parent")).body("emergency_phone", equalTo("+44 20 7946 0000"))
                .body("status", equalTo("pending")).body("age", equalTo(30)).body("phone", nullValue());
        admin.as().body(Map.of("status", "archived")).put("/api/clients/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("status"));
    }

    @Test
    void listsPageSearchAndFilterInTheContractShape() {
        Api.Session admin = Api.registerOrganization();
        for (int i = 0; i < 3; i++) {
            Api.client(admin);
        }
        admin.as().body(Map.of("name", "Zed Searchable", "email", Api.uniqueEmail("zed"), "phone", "+1 555 7777",
                "goals", "Marathon training", "status", "inactive")).post("/api/clients").then().statusCode(201);
        admin.as().get("/api/clients?per_page=2&page=2").then().statusCode(200)
                .body("total", equalTo(4)).body("pages", equalTo(2)).body("page", equalTo(2))
                .body("per_page", equalTo(2)).body("has_next", equalTo(false)).body("has_prev", equalTo(true))
                .body("items", hasSize(2)).body("clients", hasSize(2));
        admin.as().get("/api/clients?per_page=1000").then().statusCode(200).body("items", hasSize(4))
                .body("per_page", equalTo(1000));
        admin.as().get("/api/clients?search=searchable").then().body("items.name", contains("Zed Searchable"));
        admin.as().get("/api/clients?search=7777").then().body("total", equalTo(1));
        admin.as().get("/api/clients?status=inactive").then().body("total", equalTo(1));
        admin.as().get("/api/clients?goals=marathon").then().body("total", equalTo(1));
        admin.as().get("/api/clients?search=100%25").then().body("total", equalTo(0));
        admin.as().get("/api/clients?per_page=0").then().statusCode(400).body("details[0].field", equalTo("per_page"));
        admin.as().get("/api/clients?per_page=abc").then().statusCode(400).body("details[0].field", equalTo("per_page"));
        admin.as().get("/api/trainers?active=maybe").then().statusCode(400).body("details[0].field", equalTo("active"));
        admin.as().get("/api/trainers?per_page=1000").then().statusCode(200)
                .body("total", equalTo(1)).body("trainers", hasSize(1)).body("items[0].email", equalTo(admin.email()));
    }

    @Test
    void deletingATrainerEndsAssignmentsAndCountsFollow() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", client.id())).post("/api/crm/assign")
                .then().statusCode(201);
        admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", client.id())).post("/api/crm/assign")
                .then().statusCode(409);
        // Each portal sees its own counters: the client their one trainer, the trainer their one client.
        client.session().as().get("/api/crm/dashboard").then().statusCode(200)
                .body("trainers_count", equalTo(1)).body("clients_count", equalTo(1));
        trainer.session().as().get("/api/crm/dashboard").then().statusCode(200)
                .body("clients_count", equalTo(1)).body("assignments_count", equalTo(1));
        admin.as().get("/api/crm/dashboard").then().statusCode(200)
                .body("trainers_count", equalTo(2)).body("clients_count", equalTo(1)).body("assignments_count", equalTo(1));
        admin.as().get("/api/crm/stats").then().statusCode(200)
                .body("total_trainers", equalTo(2)).body("trainers_with_clients", equalTo(1))
                .body("clients_assigned", equalTo(1));
        admin.as().delete("/api/trainers/" + trainer.id()).then().statusCode(200);
        admin.as().get("/api/trainers/" + trainer.id()).then().statusCode(404);
        admin.as().get("/api/crm/assignments").then().statusCode(200).body("$", hasSize(0));
        admin.as().get("/api/crm/dashboard").then().body("trainers_count", equalTo(1)).body("assignments_count", equalTo(0));
        client.session().as().get("/api/crm/dashboard").then().statusCode(200).body("trainers_count", equalTo(0));
        client.session().as().get("/api/crm/stats").then().statusCode(403);
    }

    @Test
    void adminsSetPasswordsAndCheckEmails() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        admin.as().body(Map.of("password", "Admin-Set-Passw0rd!")).post("/api/clients/" + client.id() + "/change-password")
                .then().statusCode(200);
        // Setting a password ends the client's sessions, access tokens included.
        client.session().as().get("/api/clients/me").then().statusCode(401);
        Api.Session again = Api.login(client.session().email(), "Admin-Set-Passw0rd!");
        admin.as().body(Map.of("password", "123")).post("/api/clients/" + client.id() + "/change-password")
                .then().statusCode(400).body("error", containsString("password"));
        admin.as().body(Map.of("email", client.session().email().toUpperCase())).post("/api/check-email")
                .then().statusCode(200).body("exists", equalTo(true)).body("available", equalTo(false));
        admin.as().body(Map.of("email", Api.uniqueEmail("free"))).post("/api/check-email")
                .then().statusCode(200).body("exists", equalTo(false));
        again.as().body(Map.of("email", "a@b.c")).post("/api/check-email").then().statusCode(403);
    }
}
