package com.fitnesscrm.goals;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class GoalInputRegressionTest {

    @Test
    void aCategoryLongerThanItsColumnIsABadRequest() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        // Keys of up to 50 characters were accepted, but goals.category holds 40: the insert answered 500.
        admin.as().body(Map.of("client_id", client.id(), "title", "Long", "category", "c".repeat(41)))
                .post("/api/goals").then().statusCode(400).body("details[0].field", equalTo("category"))
                .body("success", equalTo(false));
        admin.as().body(Map.of("client_id", client.id(), "title", "Fits", "category", "c".repeat(40)))
                .post("/api/goals").then().statusCode(201).body("data.category", equalTo("c".repeat(40)));
        admin.as().get("/api/goals?client_id=" + client.id()).then().statusCode(200).body("count", equalTo(1));
    }
}
