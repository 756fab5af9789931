package com.fitnesscrm.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Test helper that plays the SPA: registers organizations, signs in, creates people. */
public final class Api {

    public static final String PASSWORD = "Str0ng-Passw0rd!2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Api() {
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + SEQUENCE.incrementAndGet()
                + "@test.example";
    }

    /** A signed-in member of an organization. */
    public record Session(String token, String refreshToken, long userId, long organizationId, String email) {
        public RequestSpecification as() {
            return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
        }
    }

    public static Session registerOrganization() {
        String email = uniqueEmail("owner");
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "Owner " + email.substring(6, 10),
                        "organization_name", "Studio " + email))
                .post("/api/auth/register")
                .then().statusCode(201).extract().jsonPath();
        return session(body, email);
    }

    public static Session login(String email, String password) {
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login")
                .then().statusCode(200).extract().jsonPath();
        return session(body, email);
    }

    public static Session session(JsonPath body, String email) {
        return new Session(body.getString("token"), body.getString("refresh_token"), body.getLong("user.id"),
                body.getLong("user.organization_id"), email);
    }

    /** Creates a trainer with a login and signs them in. */
    public static Person trainer(Session admin) {
        String email = uniqueEmail("trainer");
        long id = admin.as().body(Map.of("name", "Trainer " + email.substring(8, 12), "email", email,
                        "password", PASSWORD, "experience", "4", "phone", ""))
                .post("/api/trainers").then().statusCode(201).extract().jsonPath().getLong("id");
        return new Person(id, login(email, PASSWORD));
    }

    /** Creates a client with a login (assigned to the creator when the creator is a trainer) and signs them in. */
    public static Person client(Session creator) {
        String email = uniqueEmail("client");
        long id = creator.as().body(Map.of("name", "Client " + email.substring(7, 11), "email", email,
                        "password", PASSWORD, "age", "30", "medical_conditions", "Asthma",
                        "emergency_contact", "Pat", "emergency_phone", "+1 555 0100"))
                .post("/api/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        return new Person(id, login(email, PASSWORD));
    }

    public record Person(long id, Session session) {
    }
}
