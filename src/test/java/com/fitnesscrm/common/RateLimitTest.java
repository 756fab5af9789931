package com.fitnesscrm.common;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Runs with the production limits for credentials (5 a minute per IP and per account) and anonymous calls (100 a
 * minute per IP), and small signed-in limits (20 a minute per user, 50 per IP) so the tests stay short.
 */
@QuarkusTest
@TestProfile(RateLimitTest.ProductionLimits.class)
class RateLimitTest {

    public static class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.rate-limit.auth-per-minute", "5", "app.rate-limit.api-per-minute", "100",
                    "app.rate-limit.user-per-minute", String.valueOf(PER_USER),
                    "app.rate-limit.ip-per-minute", String.valueOf(PER_IP),
                    "app.trusted-proxies", "127.0.0.1/32");
        }
    }

    static final int PER_USER = 20;
    static final int PER_IP = 50;
    /** The window slides: a run straddling a minute boundary may pass a request or two more before the refusal. */
    static final int SLIDING_SLACK = 4;

    @Inject
    RedisDataSource redis;

    /**
     * Per-user counters are keyed by user id, and the test schema is cleaned whenever a test profile starts, so ids
     * repeat across application starts: calls counted for an earlier start's user 7 in this minute must not count
     * against this test's user 7.
     */
    @BeforeEach
    void forgetEarlierUsersCounts() {
        List<String> counters = redis.key().keys("rl:api_user:*");
        if (!counters.isEmpty()) {
            redis.key().del(counters.toArray(String[]::new));
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

    @Test
    void signedInCallsAreCountedPerUserSoColleaguesOnOneAddressKeepTheirOwnAllowance() {
        String studio = freshIp();
        String first = signedIn(freshIp());
        String second = signedIn(freshIp());
        for (int i = 1; i <= PER_USER; i++) {
            me(studio, first).then().statusCode(200);
        }
        refusedWithin(studio, first, SLIDING_SLACK).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .header("X-RateLimit-Limit", String.valueOf(PER_USER))
                .body("code", equalTo("rate_limited"));
        // A colleague at the same front desk is not locked out by the first user's calls.
        me(studio, second).then().statusCode(200);
        // Anonymous calls of that address have their own allowance.
        given().header("X-Forwarded-For", studio).get("/api/health").then().statusCode(200);
    }

    @Test
    void oneAddressHasACeilingForAllItsSignedInUsers() {
        String studio = freshIp();
        String[] users = {signedIn(freshIp()), signedIn(freshIp()), signedIn(freshIp())};
        int sent = 0;
        for (String user : users) {
            for (int i = 0; i < 15; i++, sent++) {
                me(studio, user).then().statusCode(200);
            }
        }
        String fourth = signedIn(freshIp());
        for (; sent < PER_IP; sent++) {
            me(studio, fourth).then().statusCode(200);
        }
        // 50 calls from the address, none of its users past 20: the address's ceiling refuses the next.
        refusedWithin(studio, fourth, SLIDING_SLACK).then().statusCode(429)
                .header("X-RateLimit-Limit", String.valueOf(PER_IP));
        // The same user from another address is served.
        me(freshIp(), users[0]).then().statusCode(200);
    }

    @Test
    void aForgedTokenCountsAsAnAnonymousCall() {
        String ip = freshIp();
        for (int i = 1; i <= 100; i++) {
            me(ip, "not.a.token").then().statusCode(401);
        }
        refusedWithin(ip, "not.a.token", SLIDING_SLACK).then().statusCode(429)
                .header("X-RateLimit-Limit", "100");
    }

    /** Registers an organization from its own address (registration is a credential endpoint). */
    private static String signedIn(String ip) {
        String email = Api.uniqueEmail("limits");
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .body(Map.of("email", email, "password", Api.PASSWORD, "name", "Limits Owner"))
                .post("/api/auth/register").then().statusCode(201).extract().path("token");
    }

    private static io.restassured.response.Response me(String ip, String token) {
        return given().header("X-Forwarded-For", ip).header("Authorization", "Bearer " + token).get("/api/auth/me");
    }

    /** The first refused call of a few more, or the last answer when none was refused. */
    private static io.restassured.response.Response refusedWithin(String ip, String token, int tries) {
        io.restassured.response.Response answer;
        int sent = 0;
        do {
            answer = me(ip, token);
            sent++;
        } while (answer.statusCode() != 429 && sent <= tries);
        return answer;
    }
}
