package com.fitnesscrm.auth;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class MemberRoleTest {

    @Inject
    EntityManager em;

    @Test
    void anAdminPromotesATrainerAndTheChangeIsAudited() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        long trainerUser = trainer.session().userId();

        trainer.session().as().body(Map.of("role", "admin")).put("/api/users/" + trainerUser + "/role")
                .then().statusCode(403);
        admin.as().body(Map.of("role", "admin")).put("/api/users/" + trainerUser + "/role")
                .then().statusCode(200).body("user.role", equalTo("admin"));
        // The promotion reaches the next token.
        given().contentType("application/json").body(Map.of("refresh_token", trainer.session().refreshToken()))
                .post("/api/auth/refresh").then().statusCode(200).body("user.role", equalTo("admin"));
        admin.as().get("/api/users").then().statusCode(200).body("users.email", hasItem(trainer.session().email()));

        Number audited = (Number) em.createNativeQuery(
                        "select count(*) from security_events where event_type = 'role_changed' and user_id = ?1")
                .setParameter(1, trainerUser).getSingleResult();
        assertEquals(1, audited.intValue());
    }

    @Test
    void theLastAdminCannotStepDownAndClientsAreNotStaff() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        admin.as().body(Map.of("role", "trainer")).put("/api/users/" + admin.userId() + "/role")
                .then().statusCode(409).body("code", equalTo("last_admin"));
        admin.as().body(Map.of("role", "admin")).put("/api/users/" + client.session().userId() + "/role")
                .then().statusCode(409).body("code", equalTo("not_staff"));
        admin.as().body(Map.of("role", "owner")).put("/api/users/" + client.session().userId() + "/role")
                .then().statusCode(400);
        Api.Session stranger = Api.registerOrganization();
        stranger.as().body(Map.of("role", "trainer")).put("/api/users/" + admin.userId() + "/role")
                .then().statusCode(404);
    }
}
