package com.fitnesscrm.auth;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class InvitationTest {

    @Test
    void anInvitedTrainerAcceptsOnceAndJoinsTheOrganization() throws Exception {
        Api.Session admin = Api.registerOrganization();
        String email = Api.uniqueEmail("coach");
        admin.as().body(Map.of("email", email, "role", "trainer", "name", "Casey Coach"))
                .post("/api/invitations")
                .then().statusCode(201)
                .body("status", equalTo("pending")).body("role", equalTo("trainer"))
                .body("$", not(hasKey("token")));

        MimeMessage message = Mailbox.awaitMessage(email, "invited");
        assertTrue(message.getContentType().startsWith("multipart/"), "plain-text and HTML parts");
        String token = Mailbox.token(message);

        var joined = given().contentType(ContentType.JSON).body(Map.of("token", token, "password", Api.PASSWORD))
                .post("/api/auth/accept-invite")
                .then().statusCode(200)
                .body("user.role", equalTo("trainer"))
                .body("user.organization_id", equalTo((int) admin.organizationId()))
                .extract().jsonPath();
        Api.Session trainer = Api.session(joined, email);
        trainer.as().get("/api/trainers/me").then().statusCode(200).body("name", equalTo("Casey Coach"));

        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", Api.PASSWORD))
                .post("/api/auth/accept-invite")
                .then().statusCode(400).body("code", equalTo("invalid_token"));
        admin.as().get("/api/invitations").then().statusCode(200)
                .body("invitations.find { it.email == '" + email + "' }.status", equalTo("accepted"));
    }

    @Test
    void aClientInvitedByATrainerIsAssignedToThatTrainer() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        String email = Api.uniqueEmail("invitee");
        trainer.session().as().body(Map.of("email", email, "role", "client", "name", "Ivy Invitee"))
                .post("/api/invitations").then().statusCode(201);
        String token = Mailbox.token(Mailbox.awaitMessage(email, "invited"));
        var joined = given().contentType(ContentType.JSON).body(Map.of("token", token, "password", Api.PASSWORD))
                .post("/api/auth/accept-invite").then().statusCode(200)
                .body("user.role", equalTo("client")).extract().jsonPath();
        Api.Session client = Api.session(joined, email);
        long clientId = client.as().get("/api/clients/me").then().statusCode(200)
                .body("name", equalTo("Ivy Invitee")).extract().jsonPath().getLong("id");
        trainer.session().as().get("/api/clients/" + clientId).then().statusCode(200);
        trainer.session().as().get("/api/crm/assignments").then().statusCode(200)
                .body("client_id", hasItem((int) clientId));
    }

    @Test
    void rolesLimitWhoMayInviteWhom() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(admin);
        trainer.session().as().body(Map.of("email", Api.uniqueEmail("x"), "role", "trainer"))
                .post("/api/invitations").then().statusCode(403);
        client.session().as().body(Map.of("email", Api.uniqueEmail("x"), "role", "client"))
                .post("/api/invitations").then().statusCode(403);
        admin.as().body(Map.of("email", Api.uniqueEmail("x"), "role", "admin"))
                .post("/api/invitations").then().statusCode(400).body("details[0].field", equalTo("role"));
        admin.as().body(Map.of("email", trainer.session().email(), "role", "client"))
                .post("/api/invitations").then().statusCode(409);
    }

    @Test
    void aRevokedInvitationCannotBeAccepted() {
        Api.Session admin = Api.registerOrganization();
        Api.Session stranger = Api.registerOrganization();
        String email = Api.uniqueEmail("revoked");
        long id = admin.as().body(Map.of("email", email, "role", "client"))
                .post("/api/invitations").then().statusCode(201).extract().jsonPath().getLong("id");
        String token = Mailbox.token(Mailbox.awaitMessage(email, "invited"));
        stranger.as().delete("/api/invitations/" + id).then().statusCode(404);
        admin.as().delete("/api/invitations/" + id).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", Api.PASSWORD))
                .post("/api/auth/accept-invite").then().statusCode(400)
                .body("error", containsString("revoked"));
    }
}
