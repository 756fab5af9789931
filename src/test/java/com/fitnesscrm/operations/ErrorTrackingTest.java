package com.fitnesscrm.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.FailureResource;
import com.fitnesscrm.support.FakeSentry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Error tracking end to end: an unexpected failure is answered 500 with a reference and the request id, and reported
 * once to Sentry (a fake ingest here) with the route template, method, user and organization, and without any of
 * the request's body, headers, tokens or the personal data in the exception's message. A database outage is an
 * answer (503, Retry-After), not a report, and the service recovers without a restart.
 */
@QuarkusTest
@TestProfile(ErrorTrackingTest.WithSentryAndCuttableDatabase.class)
class ErrorTrackingTest {

    public static class WithSentryAndCuttableDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OperationsResources.class));
        }
    }

    @BeforeEach
    void clearReports() {
        OperationsResources.database.restore();
        awaitHealthy();
        OperationsResources.sentry.clear();
    }

    @Test
    void anUnexpectedFailureIsReportedOnceWithItsTagsAndNothingPersonal() {
        Api.Session admin = Api.registerOrganization();
        Response answer = admin.as().header("X-Request-Id", "req-from-proxy-0001")
                .body(Map.of("medical_conditions", "asthma", "email", "jane.doe@client.example",
                        "notes", "knee injury"))
                .post("/api/test-support/failure");
        answer.then().statusCode(500).contentType("application/json")
                .header("X-Request-Id", "req-from-proxy-0001")
                .body("code", equalTo("internal_error"))
                .body("request_id", equalTo("req-from-proxy-0001"))
                .body("error", startsWith("Internal server error (reference "));
        String reference = answer.jsonPath().getString("error").replaceAll(".*reference ([0-9a-f-]+)\\).*", "$1");

        FakeSentry.Item event = awaitEvents(1).get(0);
        JsonNode tags = event.payload().path("tags");
        assertEquals(reference, tags.path("reference").asText());
        assertEquals("req-from-proxy-0001", tags.path("request_id").asText());
        assertEquals("/api/test-support/failure", tags.path("route").asText());
        assertEquals("POST", tags.path("http.method").asText());
        assertEquals(Long.toString(admin.userId()), tags.path("user_id").asText());
        assertEquals(Long.toString(admin.organizationId()), tags.path("organization_id").asText());
        assertEquals("test", event.payload().path("environment").asText());
        assertEquals("IllegalStateException", event.payload().path("exception").path("values").get(0).path("type").asText());
        assertTrue(event.authHeader().contains("sentry_key=" + FakeSentry.PUBLIC_KEY), event.authHeader());

        // Nothing of the caller's request or identity, nor the personal data and secrets in the message.
        String raw = event.raw();
        for (String secret : List.of(admin.token(), admin.email(), "jane.doe@client.example", "415 555 0199",
                "hunter2", "eyJhbGciOiJSUzI1NiJ9", "asthma", "knee injury", "Jane Doe", "Authorization", "Bearer")) {
            assertFalse(raw.contains(secret), () -> "the event carries " + secret + ": " + raw);
        }
        assertFalse(event.payload().has("request"), raw);
        assertFalse(event.payload().has("user"), raw);
        String value = event.payload().path("exception").path("values").get(0).path("value").asText();
        assertTrue(value.contains("Lookup failed for [Filtered]") && value.contains("Failing row contains ([Filtered])"),
                value);

        // Reported once: no second event arrives for the same failure.
        sleep(Duration.ofSeconds(2));
        assertEquals(1, OperationsResources.sentry.events().size());
        assertTrue(FailureResource.LEAKY_MESSAGE.contains("asthma")); // the test's own premise
    }

    @Test
    void aRequestWithoutAnAcceptableIdGetsOneGenerated() {
        given().header("X-Request-Id", "bad id\r\nInjected: yes").get("/api/nope")
                .then().statusCode(404)
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body("request_id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void aDatabaseOutageIsAnswered503AndNotReportedAndTheServiceRecovers() {
        Api.Session admin = Api.registerOrganization();
        // /api/auth/me reads the database on every call (the lists are cached views, served from Redis).
        admin.as().get("/api/auth/me").then().statusCode(200);
        double before = Metrics.value("fitnesscrm_dependency_unavailable_total", "dependency", "database");

        OperationsResources.database.cut();
        try {
            for (int i = 0; i < 3; i++) {
                admin.as().get("/api/auth/me").then().statusCode(503).contentType("application/json")
                        .header("Retry-After", "5")
                        .body("code", equalTo("service_unavailable"))
                        .body("request_id", org.hamcrest.Matchers.notNullValue());
            }
            given().get("/api/health").then().statusCode(503).body("status", equalTo("unhealthy"))
                    .body("checks.database", equalTo("down"));
        } finally {
            OperationsResources.database.restore();
        }
        double after = Metrics.value("fitnesscrm_dependency_unavailable_total", "dependency", "database");
        assertTrue(after >= before + 3, "503s counted: " + before + " -> " + after);

        // Back without a restart: the pool replaces the broken connections.
        awaitHealthy();
        for (int i = 0; i < 5; i++) {
            admin.as().get("/api/auth/me").then().statusCode(200);
            admin.as().get("/api/clients").then().statusCode(200);
        }
        sleep(Duration.ofSeconds(2));
        assertEquals(List.of(), OperationsResources.sentry.events());
    }

    private static void awaitHealthy() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (given().get("/api/health").statusCode() == 200) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("the service did not become healthy again");
    }

    private static List<FakeSentry.Item> awaitEvents(int count) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            List<FakeSentry.Item> events = OperationsResources.sentry.events();
            if (events.size() >= count) {
                return events;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("expected " + count + " Sentry event(s), got " + OperationsResources.sentry.items());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
