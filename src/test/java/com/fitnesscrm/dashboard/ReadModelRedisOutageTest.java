package com.fitnesscrm.dashboard;

import com.fitnesscrm.common.config.JwtKeys;
import com.fitnesscrm.support.Api;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Without Redis the cached views are computed from the database: correct figures, no waiting on Redis. */
@QuarkusTest
@TestProfile(ReadModelRedisOutageTest.RedisUnreachable.class)
class ReadModelRedisOutageTest {

    public static class RedisUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 1. Sign-in fails closed without Redis, so the test signs its own tokens.
            // Both spellings: a run that points the test profile at its own Redis database with
            // -D%test.quarkus.redis.hosts would otherwise win over the plain property.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "%test.quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Inject
    DataSource database;

    private String token;

    @Test
    void theViewsAreServedFromTheDatabaseAndFollowEveryWrite() throws Exception {
        given().get("/api/health").then().statusCode(200).body("checks.redis", equalTo("down"));
        token = adminOfNewOrganization();
        admin().get("/api/crm/dashboard").then().statusCode(200).body("clients_count", equalTo(0));
        long clientId = admin().body(Map.of("name", "Robin Outage", "email", Api.uniqueEmail("outage")))
                .post("/api/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        String progress = "/api/clients/" + clientId + "/progress";
        admin().get("/api/crm/dashboard").then().statusCode(200).body("clients_count", equalTo(1));
        admin().get(progress).then().statusCode(200).body("goals.total_goals", equalTo(0));

        admin().body(Map.of("client_id", clientId, "title", "Plank 2 min")).post("/api/goals")
                .then().statusCode(201);
        admin().get(progress).then().statusCode(200).body("goals.total_goals", equalTo(1));
        admin().get("/api/crm/stats").then().statusCode(200).body("total_clients", equalTo(1));

        // Repeated reads keep being computed (nothing was cached, nothing stale is served).
        for (int i = 0; i < 5; i++) {
            admin().get("/api/crm/dashboard").then().statusCode(200).body("clients_count", equalTo(1));
        }
        admin().body(Map.of("name", "Sky Outage", "email", Api.uniqueEmail("outage"))).post("/api/clients")
                .then().statusCode(201);
        admin().get("/api/crm/dashboard").then().statusCode(200).body("clients_count", equalTo(2));
    }

    /** Registration and sign-in refuse without Redis (credential limits fail closed): the admin is made directly. */
    private String adminOfNewOrganization() throws Exception {
        long org;
        long user;
        String email = Api.uniqueEmail("outage-admin");
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into organizations (name) values ('Outage studio') returning id")) {
                ResultSet row = insert.executeQuery();
                row.next();
                org = row.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into users (organization_id, email,"
                    + " name, role, password_hash) values (?, ?, 'Outage admin', 'admin', 'x') returning id")) {
                insert.setLong(1, org);
                insert.setString(2, email);
                ResultSet row = insert.executeQuery();
                row.next();
                user = row.getLong(1);
            }
        }
        String privateKey = ConfigProvider.getConfig().getValue("app.jwt.private-key", String.class);
        return Jwt.issuer("https://fitnesscrm.app").subject(String.valueOf(user)).upn(email)
                .groups(Set.of("admin")).claim("org", org).expiresIn(300)
                .jws().keyId(ConfigProvider.getConfig().getValue("app.jwt.key-id", String.class))
                .sign(JwtKeys.privateKey(privateKey));
    }

    private RequestSpecification admin() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }
}
