package com.fitnesscrm.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON log as production writes it (the test profile writes the same JSON formatter to a file): one access line
 * per request with its request id, route template, status, duration, user and organization, and nothing personal.
 */
@QuarkusTest
class JsonLogTest {

    private static final Path LOG = Path.of("target/quarkus-test-log.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachRequestHasOneAccessLineWithItsIdsAndNoPersonalData() throws Exception {
        Api.Session admin = Api.registerOrganization();
        long clientId = Api.client(admin).id();
        String requestId = "json-log-" + UUID.randomUUID();
        admin.as().header("X-Request-Id", requestId).get("/api/clients/" + clientId + "?search=" + admin.email())
                .then().statusCode(200).header("X-Request-Id", requestId);

        List<JsonNode> lines = awaitLines(requestId);
        List<JsonNode> access = lines.stream().filter(l -> "fitnesscrm.access".equals(l.path("loggerName").asText()))
                .toList();
        assertEquals(1, access.size(), lines::toString);
        JsonNode line = access.get(0);
        JsonNode mdc = line.path("mdc");
        assertEquals("/api/clients/{client_id}", mdc.path("route").asText());
        assertEquals("200", mdc.path("status").asText());
        assertEquals(Long.toString(admin.userId()), mdc.path("user_id").asText());
        assertEquals(Long.toString(admin.organizationId()), mdc.path("organization_id").asText());
        assertTrue(Double.parseDouble(mdc.path("duration_ms").asText()) >= 0, line.toString());
        assertEquals("INFO", line.path("level").asText());
        String raw = line.toString();
        assertFalse(raw.contains(admin.email()) || raw.contains(admin.token()) || raw.contains("search="), raw);
    }

    /** The lines carrying this request id (the log is appended to by the whole test run). */
    private static List<JsonNode> awaitLines(String requestId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<JsonNode> found = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            found.clear();
            for (String text : Files.readAllLines(LOG)) {
                if (text.contains(requestId)) {
                    JsonNode node = JSON.readTree(text);
                    if (requestId.equals(node.path("mdc").path("request_id").asText())) {
                        found.add(node);
                    }
                }
            }
            if (found.stream().anyMatch(l -> "fitnesscrm.access".equals(l.path("loggerName").asText()))) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access line for " + requestId + " in " + LOG);
    }
}
