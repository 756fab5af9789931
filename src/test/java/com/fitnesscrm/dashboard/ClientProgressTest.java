package com.fitnesscrm.dashboard;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The client portal's figures: put together from workouts, the calendar, measurements and goals, and scoped. */
@QuarkusTest
class ClientProgressTest {

    @Test
    void theClientAndTheirTrainerSeeTheSameFiguresAndNobodyElseSeesThem() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        String path = "/api/clients/" + client.id() + "/progress";

        // Nothing yet: zeros and nulls, not errors.
        client.session().as().get(path).then().statusCode(200)
                .body("client_id", equalTo((int) client.id()))
                .body("workouts_this_week", equalTo(0)).body("current_streak_days", equalTo(0))
                .body("next_session", nullValue()).body("latest_measurement", nullValue())
                .body("goals.total_goals", equalTo(0));

        client.session().as().body(Map.of("client_id", client.id())).post("/api/workouts/log").then().statusCode(201);
        client.session().as().body(Map.of("client_id", String.valueOf(client.id()), "weight", "80.5",
                "weight_unit", "kg")).post("/api/measurements").then().statusCode(201);
        client.session().as().body(Map.of("client_id", String.valueOf(client.id()), "title", "Run 5 km",
                "priority", "high")).post("/api/goals").then().statusCode(201);
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        long sessionId = trainer.session().as().body(Map.of("trainer_id", trainer.id(), "client_id", client.id(),
                        "session_date", tomorrow.toString(), "duration", 60, "override_conflicts", true)).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        for (Api.Session viewer : new Api.Session[]{client.session(), trainer.session(), admin}) {
            viewer.as().get(path).then().statusCode(200)
                    .body("workouts_this_week", equalTo(1)).body("current_streak_days", equalTo(1))
                    .body("next_session.id", equalTo((int) sessionId))
                    .body("latest_measurement.weight", equalTo(80.5f))
                    .body("goals.total_goals", equalTo(1)).body("goals.active_goals", equalTo(1))
                    .body("workouts.weeks.size()", equalTo(12));
        }
        // The client portal also finds its figures on the dashboard; staff dashboards have none.
        client.session().as().get("/api/crm/dashboard").then().statusCode(200)
                .body("progress.client_id", equalTo((int) client.id()))
                .body("progress.workouts_this_week", equalTo(1));
        trainer.session().as().get("/api/crm/dashboard").then().statusCode(200).body("progress", nullValue());

        Api.Person otherTrainer = Api.trainer(admin);
        Api.Person otherClient = Api.client(admin);
        otherTrainer.session().as().get(path).then().statusCode(404).body("error", equalTo("Client not found"));
        otherClient.session().as().get(path).then().statusCode(404);
        Api.registerOrganization().as().get(path).then().statusCode(404);
        admin.as().get("/api/clients/999999999/progress").then().statusCode(404);
    }
}
