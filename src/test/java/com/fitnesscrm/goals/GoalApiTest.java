package com.fitnesscrm.goals;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class GoalApiTest {

    /** The SPA's goal form: client_id as a string, numbers as strings, empty fields as "". */
    private static Map<String, Object> form(long clientId, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("client_id", String.valueOf(clientId));
        body.put("title", title);
        body.put("description", "");
        body.put("target_value", "20");
        body.put("target_unit", "km");
        body.put("current_value", "5");
        body.put("target_date", "2026-12-31");
        body.put("priority", "high");
        body.put("notes", "");
        body.put("created_by", "1");
        return body;
    }

    @Test
    void aGoalIsCreatedWithMilestonesReadUpdatedAndDeletedInTheSuccessEnvelope() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Map<String, Object> body = form(client.id(), "Run a half marathon");
        body.put("milestones", List.of(Map.of("title", "Run 5 km", "target_value", "5", "target_date", "2026-06-01"),
                Map.of("title", "Run 10 km", "description", "Without walking")));
        JsonPath created = trainer.session().as().body(body).post("/api/goals").then().statusCode(201)
                .body("success", equalTo(true)).body("message", equalTo("Goal created successfully"))
                .body("data.client_id", equalTo((int) client.id()))
                .body("data.title", equalTo("Run a half marathon"))
                .body("data.category", equalTo("other"))
                .body("data.description", nullValue())
                .body("data.target_value", equalTo(20.0f)).body("data.current_value", equalTo(5.0f))
                .body("data.progress", equalTo(25.0f))
                .body("data.status", equalTo("active")).body("data.priority", equalTo("high"))
                .body("data.target_date", equalTo("2026-12-31"))
                .body("data.start_date", notNullValue())
                .body("data.completed_date", nullValue())
                .body("data.created_by", equalTo((int) trainer.session().userId()))
                .body("data.milestones", hasSize(2))
                .body("data.milestones[0].title", equalTo("Run 5 km"))
                .body("data.milestones[0].completed", equalTo(false))
                .body("data.milestones[1].description", equalTo("Without walking"))
                .extract().jsonPath();
        long id = created.getLong("data.id");

        client.session().as().get("/api/goals/" + id).then().statusCode(200)
                .body("success", equalTo(true)).body("data.id", equalTo((int) id))
                .body("data.milestones.title", equalTo(List.of("Run 5 km", "Run 10 km")));

        // The SPA's edit form sends client_id again (ignored) and only some fields.
        Map<String, Object> edit = new HashMap<>();
        edit.put("client_id", "999999");
        edit.put("current_value", "13.37");
        edit.put("category", "Endurance");
        edit.put("status", "on-hold");
        admin.as().body(edit).put("/api/goals/" + id).then().statusCode(200)
                .body("success", equalTo(true)).body("message", equalTo("Goal updated successfully"))
                .body("data.client_id", equalTo((int) client.id()))
                .body("data.progress", equalTo(66.9f))
                .body("data.category", equalTo("endurance")).body("data.status", equalTo("on_hold"))
                .body("data.title", equalTo("Run a half marathon")).body("data.priority", equalTo("high"));

        // Past the target the progress stays at 100.
        admin.as().body(Map.of("current_value", 50)).put("/api/goals/" + id).then().statusCode(200)
                .body("data.progress", equalTo(100.0f));

        client.session().as().delete("/api/goals/" + id).then().statusCode(200)
                .body("success", equalTo(true)).body("message", equalTo("Goal deleted successfully"));
        admin.as().get("/api/goals/" + id).then().statusCode(404)
                .body("success", equalTo(false)).body("error", equalTo("Goal not found"));
    }

    @Test
    void completingAGoalStampsTheDateAndReopeningClearsIt() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Map<String, Object> body = form(client.id(), "Deadlift 100 kg");
        body.put("target_value", "");
        long id = admin.as().body(body).post("/api/goals").then().statusCode(201)
                .body("data.target_value", nullValue()).body("data.progress", nullValue())
                .extract().jsonPath().getLong("data.id");

        String stamped = admin.as().body(Map.of("status", "completed")).put("/api/goals/" + id).then()
                .statusCode(200).body("data.status", equalTo("completed"))
                .body("data.completed_date", notNullValue()).extract().jsonPath().getString("data.completed_date");
        // Saving again while completed keeps the first stamp.
        admin.as().body(Map.of("notes", "Done at the gym", "status", "completed")).put("/api/goals/" + id).then()
                .statusCode(200).body("data.completed_date", equalTo(stamped));
        admin.as().body(Map.of("status", "active")).put("/api/goals/" + id).then().statusCode(200)
                .body("data.completed_date", nullValue());

        Map<String, Object> done = form(client.id(), "Already there");
        done.put("status", "completed");
        admin.as().body(done).post("/api/goals").then().statusCode(201).body("data.completed_date", notNullValue());
    }

    @Test
    void milestonesAreAddedChangedCompletedAndRemoved() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long goal = client.session().as().body(form(client.id(), "Squat my bodyweight")).post("/api/goals").then()
                .statusCode(201).extract().jsonPath().getLong("data.id");

        long milestone = client.session().as().body(Map.of("title", "Squat 60 kg", "target_value", "60",
                        "target_date", "2026-05-01T00:00:00.000Z"))
                .post("/api/goals/" + goal + "/milestones").then().statusCode(201)
                .body("success", equalTo(true)).body("message", equalTo("Milestone created successfully"))
                .body("data.goal_id", equalTo((int) goal)).body("data.target_value", equalTo(60.0f))
                .body("data.completed", equalTo(false)).body("data.completed_date", nullValue())
                .extract().jsonPath().getLong("data.id");

        admin.as().body(Map.of("completed", true)).put("/api/goals/" + goal + "/milestones/" + milestone).then()
                .statusCode(200).body("data.completed", equalTo(true)).body("data.completed_date", notNullValue())
                .body("data.title", equalTo("Squat 60 kg"));
        admin.as().body(Map.of("completed", "false", "title", "Squat 65 kg"))
                .put("/api/goals/" + goal + "/milestones/" + milestone).then().statusCode(200)
                .body("data.completed", equalTo(false)).body("data.completed_date", nullValue())
                .body("data.title", equalTo("Squat 65 kg"));

        // A PUT of the goal with milestones changes the ones it names and adds new ones, removing none.
        admin.as().body(Map.of("milestones", List.of(Map.of("id", milestone, "completed", true),
                        Map.of("title", "Squat 75 kg"))))
                .put("/api/goals/" + goal).then().statusCode(200)
                .body("data.milestones.title", containsInAnyOrder("Squat 65 kg", "Squat 75 kg"))
                .body("data.milestones.find { it.id == " + milestone + " }.completed", equalTo(true));

        admin.as().body(Map.of("description", "x")).post("/api/goals/" + goal + "/milestones").then()
                .statusCode(400).body("success", equalTo(false)).body("details[0].field", equalTo("title"));
        admin.as().delete("/api/goals/" + goal + "/milestones/" + milestone).then().statusCode(200)
                .body("success", equalTo(true));
        admin.as().delete("/api/goals/" + goal + "/milestones/" + milestone).then().statusCode(404)
                .body("success", equalTo(false));
        admin.as().get("/api/goals/" + goal).then().body("data.milestones.title", equalTo(List.of("Squat 75 kg")));
    }

    @Test
    void theSummaryCountsAClientsGoalsAndTheListFilters() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Api.Person other = Api.client(admin);
        for (String[] g : new String[][]{{"A", "active", "high"}, {"B", "active", "low"}, {"C", "completed", "high"},
                {"D", "abandoned", "medium"}}) {
            Map<String, Object> body = form(client.id(), g[0]);
            body.put("status", g[1]);
            body.put("priority", g[2]);
            body.put("category", "strength");
            admin.as().body(body).post("/api/goals").then().statusCode(201);
        }
        admin.as().body(form(other.id(), "Other's")).post("/api/goals").then().statusCode(201);

        client.session().as().get("/api/goals/client/" + client.id() + "/summary").then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.total_goals", equalTo(4)).body("data.active_goals", equalTo(2))
                .body("data.completed_goals", equalTo(1)).body("data.high_priority", equalTo(2))
                .body("data.goals.title", equalTo(List.of("D", "C", "B", "A")));

        admin.as().get("/api/goals").then().statusCode(200).body("success", equalTo(true)).body("count", equalTo(5))
                .body("data", hasSize(5));
        admin.as().get("/api/goals?client_id=" + client.id() + "&status=active&priority=high&category=")
                .then().statusCode(200).body("count", equalTo(1)).body("data[0].title", equalTo("A"));
        admin.as().get("/api/goals?category=strength").then().body("count", equalTo(4));
        // A client lists only their own goals.
        client.session().as().get("/api/goals").then().statusCode(200).body("count", equalTo(4))
                .body("data.client_id", org.hamcrest.Matchers.everyItem(equalTo((int) client.id())));
        admin.as().get("/api/goals?status=finished").then().statusCode(400).body("success", equalTo(false))
                .body("details[0].field", equalTo("status"));
        // The SPA's own category names are taken as keys; only something that is not a word is refused.
        Map<String, Object> functional = form(other.id(), "Move well");
        functional.put("category", "Functional Fitness");
        admin.as().body(functional).post("/api/goals").then().statusCode(201)
                .body("data.category", equalTo("functional_fitness"));
        functional.put("category", "<script>");
        admin.as().body(functional).post("/api/goals").then().statusCode(400).body("success", equalTo(false))
                .body("details[0].field", equalTo("category"));
        admin.as().get("/api/goals").then().body("count", equalTo(6));
    }

    @Test
    void badInputIsA400WithSuccessFalseAndNothingIsStored() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);

        Map<String, Object> noTitle = form(client.id(), "");
        noTitle.put("milestones", List.of(Map.of("description", "no title")));
        admin.as().body(noTitle).post("/api/goals").then().statusCode(400)
                .body("success", equalTo(false)).body("error", notNullValue())
                .body("details.field", containsInAnyOrder("title", "milestones[0].title"));

        Map<String, Object> badPriority = form(client.id(), "Goal");
        badPriority.put("priority", "urgent");
        admin.as().body(badPriority).post("/api/goals").then().statusCode(400).body("success", equalTo(false))
                .body("details[0].field", equalTo("priority"));

        Map<String, Object> negative = form(client.id(), "Goal");
        negative.put("target_value", "-5");
        admin.as().body(negative).post("/api/goals").then().statusCode(400)
                .body("details[0].field", equalTo("target_value"));

        // Bean validation (@Size) and unreadable numbers also carry success:false.
        Map<String, Object> longTitle = form(client.id(), "x".repeat(201));
        admin.as().body(longTitle).post("/api/goals").then().statusCode(400).body("success", equalTo(false))
                .body("details[0].field", equalTo("title"));
        Map<String, Object> notANumber = form(client.id(), "Goal");
        notANumber.put("current_value", "lots");
        admin.as().body(notANumber).post("/api/goals").then().statusCode(400).body("success", equalTo(false))
                .body("details[0].field", equalTo("current_value"));
        admin.as().body("{not json").post("/api/goals").then().statusCode(400).body("success", equalTo(false));

        Map<String, Object> noClient = form(client.id(), "Goal");
        noClient.put("client_id", "");
        admin.as().body(noClient).post("/api/goals").then().statusCode(400).body("success", equalTo(false))
                .body("details[0].field", equalTo("client_id"));
        admin.as().body(form(987654321L, "Goal")).post("/api/goals").then().statusCode(404)
                .body("success", equalTo(false)).body("error", equalTo("Client not found"));

        admin.as().get("/api/goals").then().body("count", equalTo(0));
        // The errors of other modules keep the plain shape.
        admin.as().get("/api/clients/987654321").then().statusCode(404).body("success", nullValue());
    }

    @Test
    void goalsAreScopedToWhoMaySeeTheClient() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person otherTrainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Api.Person otherClient = Api.client(admin);
        long goal = trainer.session().as().body(form(client.id(), "Mine")).post("/api/goals").then().statusCode(201)
                .extract().jsonPath().getLong("data.id");
        assertNotNull(goal);

        // The trainer of another client, another client, and another organization: 404 everywhere.
        for (Api.Session outsider : List.of(otherTrainer.session(), otherClient.session(), Api.registerOrganization())) {
            outsider.as().get("/api/goals/" + goal).then().statusCode(404).body("success", equalTo(false));
            outsider.as().body(Map.of("title", "Taken over")).put("/api/goals/" + goal).then().statusCode(404);
            outsider.as().delete("/api/goals/" + goal).then().statusCode(404);
            outsider.as().body(Map.of("title", "M")).post("/api/goals/" + goal + "/milestones").then().statusCode(404);
            outsider.as().get("/api/goals/client/" + client.id() + "/summary").then().statusCode(404)
                    .body("success", equalTo(false));
            outsider.as().body(form(client.id(), "Sneaky")).post("/api/goals").then().statusCode(404);
            outsider.as().get("/api/goals?client_id=" + client.id()).then().statusCode(404);
            outsider.as().get("/api/goals").then().statusCode(200).body("data.id", org.hamcrest.Matchers.not(hasItem((int) goal)));
        }
        trainer.session().as().get("/api/goals").then().body("count", equalTo(1));
        admin.as().get("/api/goals/" + goal).then().statusCode(200).body("data.title", equalTo("Mine"));
        JsonPath summary = client.session().as().get("/api/goals/client/" + client.id() + "/summary").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, summary.getInt("data.total_goals"));
        admin.as().get("/api/goals/abc").then().statusCode(404).body("success", equalTo(false));
    }
}
