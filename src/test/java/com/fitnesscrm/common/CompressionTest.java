package com.fitnesscrm.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gzip for JSON bodies of 1 KB and more when the client accepts it. A plain JDK HttpClient, which never decompresses
 * on its own, so the raw headers and bytes are what the server sent.
 */
@QuarkusTest
class CompressionTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBigListIsGzippedForAClientThatAcceptsItAndIdentityOtherwise() throws Exception {
        Api.Session admin = Api.registerOrganization();
        for (int i = 0; i < 12; i++) {
            admin.as().body(Map.of("name", "Compressed Client " + i, "email", Api.uniqueEmail("gz"),
                            "goals", "Strength and mobility, three sessions a week", "age", "30"))
                    .post("/api/clients").then().statusCode(201);
        }
        String path = "/api/clients?per_page=1000";

        HttpResponse<byte[]> plain = get(path, admin.token(), null);
        assertEquals(200, plain.statusCode());
        assertTrue(plain.body().length > 1024, "the list is over 1 KB: " + plain.body().length);
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(),
                "no Accept-Encoding: identity, got " + plain.headers().firstValue("Content-Encoding"));
        assertVaryAcceptEncoding(plain);

        HttpResponse<byte[]> gzipped = get(path, admin.token(), "gzip, deflate, br");
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertVaryAcceptEncoding(gzipped);
        assertSecurityHeaders(gzipped);
        assertTrue(gzipped.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        byte[] unzipped = gunzip(gzipped.body());
        assertTrue(gzipped.body().length < unzipped.length / 2,
                "compressed " + gzipped.body().length + " of " + unzipped.length + " bytes");
        assertEquals(JSON.readTree(plain.body()), JSON.readTree(unzipped));
        assertArrayEquals(plain.body(), unzipped);

        // Not accepted when the client refuses it.
        HttpResponse<byte[]> refused = get(path, admin.token(), "gzip;q=0, identity");
        assertTrue(refused.headers().firstValue("Content-Encoding").filter("gzip"::equals).isEmpty());
        assertEquals(JSON.readTree(plain.body()), JSON.readTree(refused.body()));
    }

    @Test
    void aBodyUnderOneKilobyteStaysIdentity() throws Exception {
        Api.Session admin = Api.registerOrganization();
        HttpResponse<byte[]> me = get("/api/auth/me", admin.token(), "gzip");
        assertEquals(200, me.statusCode());
        assertTrue(me.body().length < 1024, "/api/auth/me is small: " + me.body().length);
        assertTrue(me.headers().firstValue("Content-Encoding").filter("gzip"::equals).isEmpty());
        assertEquals(admin.email(), JSON.readTree(me.body()).path("user").path("email").asText());
        assertVaryAcceptEncoding(me);
        assertSecurityHeaders(me);
    }

    @Test
    void errorResponsesKeepTheirShapeAndHeaders() throws Exception {
        // The project's own Vert.x handler (unknown API path): small, so identity, with the security headers.
        HttpResponse<byte[]> unknown = get("/api/does-not-exist", null, "gzip");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("Content-Encoding").filter("gzip"::equals).isEmpty());
        assertEquals("Not found", JSON.readTree(unknown.body()).path("error").asText());
        assertSecurityHeaders(unknown);

        // A JAX-RS error: also JSON, also identity when small.
        HttpResponse<byte[]> unauthorized = get("/api/clients", null, "gzip");
        assertEquals(401, unauthorized.statusCode());
        assertTrue(unauthorized.headers().firstValue("Content-Encoding").filter("gzip"::equals).isEmpty());
        assertTrue(JSON.readTree(unauthorized.body()).hasNonNull("error"));
        assertSecurityHeaders(unauthorized);

        // A validation error with a detail per bad field runs over 1 KB: gzipped like any JSON body.
        Api.Session admin = Api.registerOrganization();
        List<Map<String, Object>> exercises = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            exercises.add(Map.of("exercise_id", -1 - i, "sets", -5, "rest_seconds", -1));
        }
        String body = JSON.writeValueAsString(Map.of("name", "x", "exercises", exercises));
        HttpResponse<byte[]> invalid = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/workouts/templates"))
                        .header("Authorization", "Bearer " + admin.token()).header("Accept-Encoding", "gzip")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(400, invalid.statusCode(), new String(maybeGunzip(invalid)));
        byte[] invalidBody = maybeGunzip(invalid);
        JsonNode error = JSON.readTree(invalidBody);
        assertTrue(error.hasNonNull("error"), error.toString());
        assertSecurityHeaders(invalid);
        assertVaryAcceptEncoding(invalid);
        assertTrue(invalidBody.length >= 1024, "the error body is over 1 KB: " + invalidBody.length);
        assertEquals("gzip", invalid.headers().firstValue("Content-Encoding").orElse(null));
    }

    private HttpResponse<byte[]> get(String path, String token, String acceptEncoding)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertVaryAcceptEncoding(HttpResponse<?> response) {
        List<String> vary = response.headers().allValues("Vary");
        assertTrue(vary.stream().anyMatch(v -> v.toLowerCase().contains("accept-encoding")), "Vary: " + vary);
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    }

    private static byte[] maybeGunzip(HttpResponse<byte[]> response) throws IOException {
        return "gzip".equals(response.headers().firstValue("Content-Encoding").orElse(null))
                ? gunzip(response.body()) : response.body();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
