package com.fitnesscrm.auth;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AuthFlowTest {

    @Inject
    EntityManager em;

    @Test
    void registrationCreatesAnOrganizationWithTheRegistrantAsAdminAndTrainer() {
        String email = Api.uniqueEmail("Founder").toUpperCase();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "name", "Fran Founder",
                        "organization_name", "Fran's Gym"))
                .post("/api/auth/register")
                .then().statusCode(201)
                .body("message", equalTo("Registration successful"))
                .body("token", notNullValue())
                .body("refresh_token", notNullValue())
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("user.role", equalTo("admin"))
                .body("user.email", equalTo(email.toLowerCase()))
                .body("user.organization_id", notNullValue());
        // The SPA sends the email as typed: login trims and lower-cases it.
        Api.Session admin = Api.login("  " + email + " ", Api.PASSWORD);
        admin.as().get("/api/trainers/me").then().statusCode(200)
                .body("name", equalTo("Fran Founder")).body("email", equalTo(email.toLowerCase()));
        admin.as().get("/api/auth/me").then().statusCode(200)
                .body("user.role", equalTo("admin")).body("user.id", equalTo((int) admin.userId()));
    }

    @Test
    void aRoleInTheRegisterBodyNeverGrantsAdminOfAnExistingOrganization() {
        Api.Session victim = Api.registerOrganization();
        long victimClient = Api.client(victim).id();
        String email = Api.uniqueEmail("intruder");
        var body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "role", "admin",
                        "organization_id", victim.organizationId()))
                .post("/api/auth/register")
                .then().statusCode(201).extract().jsonPath();
        assertNotEquals(victim.organizationId(), body.getLong("user.organization_id"));
        Api.Session intruder = Api.session(body, email);
        intruder.as().get("/api/clients/" + victimClient).then().statusCode(404);
        intruder.as().get("/api/clients").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void registrationRejectsDuplicatesAndWeakPasswords() {
        Api.Session existing = Api.registerOrganization();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", existing.email(), "password", Api.PASSWORD))
                .post("/api/auth/register")
                .then().statusCode(409).body("code", equalTo("email_taken"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail("weak"), "password", "password1"))
                .post("/api/auth/register")
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("password"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", Api.PASSWORD))
                .post("/api/auth/register")
                .then().statusCode(400).body("details.field", hasItem("email"));
    }

    @Test
    void loginAnswersTheSameForUnknownEmailAndWrongPassword() {
        Api.Session admin = Api.registerOrganization();
        // One request id for both, so the bodies can be compared whole (each answer echoes its request's id).
        String unknown = given().contentType(ContentType.JSON).header("X-Request-Id", "login-compare-0001")
                .body(Map.of("email", Api.uniqueEmail("nobody"), "password", Api.PASSWORD))
                .post("/api/auth/login").then().statusCode(401).extract().asString();
        String wrong = given().contentType(ContentType.JSON).header("X-Request-Id", "login-compare-0001")
                .body(Map.of("email", admin.email(), "password", "Wrong-Passw0rd!2026"))
                .post("/api/auth/login").then().statusCode(401).extract().asString();
        assertEquals(unknown, wrong);
        assertTrue(unknown.contains("\"error\":\"Invalid email or password\""));
        Number failures = (Number) em.createNativeQuery(
                        "select count(*) from security_events where event_type = 'login_failure' and email = ?1")
                .setParameter(1, admin.email()).getSingleResult();
        assertEquals(1, failures.intValue());
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        Api.Session admin = Api.registerOrganization();
        var first = refresh(admin.refreshToken()).then().statusCode(200)
                .body("token", notNullValue()).body("user.id", equalTo((int) admin.userId()))
                .extract().jsonPath();
        String second = first.getString("refresh_token");
        assertNotEquals(admin.refreshToken(), second);
        given().header("Authorization", "Bearer " + first.getString("token"))
                .get("/api/auth/me").then().statusCode(200);

        // The first token again: reuse. It and everything issued after it stop working.
        refresh(admin.refreshToken()).then().statusCode(401).body("code", equalTo("refresh_token_reused"));
        refresh(second).then().statusCode(401);
        given().header("Authorization", "Bearer " + first.getString("token"))
                .get("/api/auth/me").then().statusCode(401);
        Number reuse = (Number) em.createNativeQuery(
                        "select count(*) from security_events where event_type = 'refresh_token_reuse' and user_id = ?1")
                .setParameter(1, admin.userId()).getSingleResult();
        assertEquals(1, reuse.intValue());

        refresh("not-a-token").then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
    }

    @Test
    void logoutRevokesThisLoginAndLogoutAllRevokesEveryLogin() {
        Api.Session admin = Api.registerOrganization();
        Api.Session other = Api.login(admin.email(), Api.PASSWORD);
        admin.as().post("/api/auth/logout").then().statusCode(200).body("message", notNullValue());
        refresh(admin.refreshToken()).then().statusCode(401);
        // The signed-out login's access token dies at once; the other login is untouched.
        admin.as().get("/api/auth/me").then().statusCode(401);
        other.as().get("/api/auth/me").then().statusCode(200);
        refresh(other.refreshToken()).then().statusCode(200);

        Api.Session third = Api.login(admin.email(), Api.PASSWORD);
        third.as().post("/api/auth/logout-all").then().statusCode(200);
        refresh(third.refreshToken()).then().statusCode(401);
        third.as().get("/api/auth/me").then().statusCode(401);
        other.as().get("/api/auth/me").then().statusCode(401);
        given().post("/api/auth/logout").then().statusCode(401).body("error", notNullValue());
    }

    @Test
    void changePasswordChecksTheCurrentOneAndEndsOtherSessions() {
        Api.Session admin = Api.registerOrganization();
        Api.Session otherDevice = Api.login(admin.email(), Api.PASSWORD);
        admin.as().body(Map.of("current_password", "Wrong-Passw0rd!2026", "new_password", "N3w-Secret-Phrase!"))
                .post("/api/auth/change-password")
                .then().statusCode(401).body("error", containsString("current password"));
        admin.as().body(Map.of("current_password", Api.PASSWORD, "new_password", "short"))
                .post("/api/auth/change-password")
                .then().statusCode(400).body("details[0].field", equalTo("new_password"));
        admin.as().body(Map.of("current_password", Api.PASSWORD, "new_password", "N3w-Secret-Phrase!"))
                .post("/api/auth/change-password")
                .then().statusCode(200);
        refresh(otherDevice.refreshToken()).then().statusCode(401);
        refresh(admin.refreshToken()).then().statusCode(200);
        Api.login(admin.email(), "N3w-Secret-Phrase!");
    }

    @Test
    void passwordResetByEmailIsSingleUseAndTheFirstAnswerNeverTells() {
        Api.Session admin = Api.registerOrganization();
        String known = given().contentType(ContentType.JSON).body(Map.of("email", admin.email()))
                .post("/api/auth/forgot-password").then().statusCode(202).extract().asString();
        String unknown = given().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("ghost")))
                .post("/api/auth/forgot-password").then().statusCode(202).extract().asString();
        assertEquals(known, unknown);

        MimeMessage email = Mailbox.awaitMessage(admin.email(), "Reset your FitnessCRM password");
        String token = Mailbox.token(email);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "R3set-Brand-New!"))
                .post("/api/auth/reset-password").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "An0ther-Brand-New!"))
                .post("/api/auth/reset-password").then().statusCode(400).body("code", equalTo("invalid_token"));
        refresh(admin.refreshToken()).then().statusCode(401);
        Api.login(admin.email(), "R3set-Brand-New!");
        given().contentType(ContentType.JSON).body(Map.of("email", admin.email(), "password", Api.PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
    }

    @Test
    void securityEventsAreAudited() {
        Api.Session admin = Api.registerOrganization();
        Api.login(admin.email(), Api.PASSWORD);
        @SuppressWarnings("unchecked")
        List<String> types = em.createNativeQuery(
                        "select event_type from security_events where user_id = ?1 order by id")
                .setParameter(1, admin.userId()).getResultList();
        assertTrue(types.containsAll(List.of("organization_registered", "login_success")), types.toString());
    }

    @Test
    void aDisabledAccountCannotSignIn() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        admin.as().delete("/api/trainers/" + trainer.id()).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("email", trainer.session().email(), "password", Api.PASSWORD))
                .post("/api/auth/login").then().statusCode(403).body("code", equalTo("account_disabled"));
        refresh(trainer.session().refreshToken()).then().statusCode(401);
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token)).post("/api/auth/refresh");
    }
}
