package com.fitnesscrm.common;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Runs with the production limits: 5 credential requests per minute per IP and per account. */
@QuarkusTest
@TestProfile(RateLimitTest.ProductionLimits.class)
class RateLimitTest {

    public static class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.rate-limit.auth-per-minute", "5", "app.rate-limit.api-per-minute", "100",
                    "app.trusted-proxies", "127.0.0.1/32");
        }
    }

    /** Each test speaks through the trusted proxy from its own client address, so counters never collide. */
    private static String freshIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    @Test
    void theSixthLoginAttemptInAMinuteIs429() {
        String ip = freshIp();
        String email = Api.uniqueEmail("victim");
        for (int i = 1; i <= 5; i++) {
            login(ip, email).then().statusCode(401);
        }
        login(ip, email).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType(ContentType.JSON)
                .body("code", equalTo("rate_limited")).body("status", equalTo(429));
    }

    @Test
    void theAccountLimitHoldsAcrossAddresses() {
        String email = Api.uniqueEmail("target");
        for (int i = 1; i <= 5; i++) {
            login(freshIp(), email).then().statusCode(401);
        }
        login(freshIp(), email).then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void theApiLimitIsPerClientIp() {
        String ip = freshIp();
        for (int i = 1; i <= 100; i++) {
            given().header("X-Forwarded-For", ip).get("/api/health").then().statusCode(200);
        }
        // The window slides: when the run straddles a minute boundary, the part counted in the previous minute
        // weighs a little less than 1, so one or two more may pass before the refusal; never many more.
        int extra = 0;
        io.restassured.response.Response refused;
        do {
            refused = given().header("X-Forwarded-For", ip).get("/api/health");
            extra++;
        } while (refused.statusCode() == 200 && extra < 5);
        refused.then().statusCode(429).header("Retry-After", notNullValue());
        given().header("X-Forwarded-For", freshIp()).get("/api/health").then().statusCode(200);
        given().header("X-Forwarded-For", ip).get("/q/health/live").then().statusCode(200);
    }

    private static io.restassured.response.Response login(String ip, String email) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .body(Map.of("email", email, "password", "Wrong-Passw0rd!2026"))
                .post("/api/auth/login");
    }
}
