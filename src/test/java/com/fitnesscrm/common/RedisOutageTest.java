package com.fitnesscrm.common;

import com.fitnesscrm.common.config.JwtKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Without Redis the API keeps serving and says it is degraded, while credential endpoints fail closed. */
@QuarkusTest
@TestProfile(RedisOutageTest.RedisUnreachable.class)
class RedisOutageTest {

    public static class RedisUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 1.
            // Both spellings: a run that points the test profile at its own Redis database with
            // -D%test.quarkus.redis.hosts would otherwise win over the plain property.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "%test.quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void theApiServesDegradedAndSignInFailsClosed() {
        given().get("/api/health").then().statusCode(200)
                .body("status", equalTo("degraded")).body("checks.redis", equalTo("down"))
                .body("checks.database", equalTo("up"));

        given().contentType(ContentType.JSON).body(Map.of("email", "a@b.example", "password", "Whatever-Passw0rd!"))
                .post("/api/auth/login")
                .then().statusCode(503).header("Retry-After", "30")
                .body("code", equalTo("rate_limiter_unavailable"));

        String privateKey = ConfigProvider.getConfig().getValue("app.jwt.private-key", String.class);
        String token = Jwt.issuer("https://fitnesscrm.app").subject("1").upn("admin@outage.example")
                .groups(Set.of("admin")).claim("org", 999_999L).expiresIn(300)
                .jws().keyId(ConfigProvider.getConfig().getValue("app.jwt.key-id", String.class))
                .sign(JwtKeys.privateKey(privateKey));
        given().header("Authorization", "Bearer " + token).get("/api/clients")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
