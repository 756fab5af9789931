package com.fitnesscrm.common;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ErrorShapeTest {

    @Test
    void malformedJsonIsAJson400AndNothingIsStored() {
        Api.Session admin = Api.registerOrganization();
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + admin.token())
                .body("{\"name\": \"Half\", \"email\": \"half@x.example\"")
                .post("/api/clients")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("code", equalTo("malformed_json")).body("status", equalTo(400))
                .body("error", not(containsString("com.fasterxml")));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + admin.token())
                .body("[1, 2]").post("/api/clients")
                .then().statusCode(400).body("code", equalTo("malformed_json"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + admin.token())
                .post("/api/clients")
                .then().statusCode(400).body("code", equalTo("missing_body"));
        admin.as().get("/api/clients").then().body("total", equalTo(0));
    }

    @Test
    void wrongTypesNameTheField() {
        given().contentType(ContentType.JSON).body("{\"email\": {\"nested\": true}, \"password\": \"x\"}")
                .post("/api/auth/login")
                .then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("email"));
    }

    @Test
    void oversizeBodiesGet413InTheErrorShape() {
        String big = "{\"name\": \"" + "a".repeat(1_100_000) + "\"}";
        given().contentType(ContentType.JSON).body(big).post("/api/auth/login")
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("code", equalTo("payload_too_large")).body("error", containsString("too large"));
    }

    @Test
    void unknownRoutesMethodsAndMediaTypesAreJson() {
        given().get("/api/does-not-exist").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("Not found"));
        given().contentType(ContentType.TEXT).body("hello").post("/api/auth/login")
                .then().statusCode(415).contentType(ContentType.JSON).body("code", equalTo("unsupported_media_type"));
        given().delete("/api/auth/login").then().statusCode(405).contentType(ContentType.JSON);
    }

    @Test
    void missingOrInvalidTokensAre401Json() {
        given().get("/api/clients").then().statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", startsWith("Bearer")).body("error", notNullValue());
        given().header("Authorization", "Bearer not.a.jwt").get("/api/auth/me").then().statusCode(401)
                .contentType(ContentType.JSON);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        given().get("/api/health").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Strict-Transport-Security", startsWith("max-age="))
                .header("Referrer-Policy", "no-referrer")
                .header("X-XSS-Protection", "0")
                .header("Set-Cookie", nullValue())
                .body("status", equalTo("healthy")).body("checks.database", equalTo("up"))
                .body("checks.redis", equalTo("up"));
        given().get("/api/does-not-exist").then().header("X-Frame-Options", "DENY");
        given().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"));
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/auth/login")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "http://localhost:5173").contentType(ContentType.JSON)
                .body(Map.of("email", "x@y.example", "password", "whatever-Passw0rd"))
                .post("/api/auth/login")
                .then().statusCode(401).header("Access-Control-Allow-Origin", "http://localhost:5173");
    }

    @Test
    void healthEndpointsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
