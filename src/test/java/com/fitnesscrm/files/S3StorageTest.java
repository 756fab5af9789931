package com.fitnesscrm.files;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.S3ServerResource;
import com.fitnesscrm.support.Uploads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 storage against a real S3-compatible server (s3rver) started by the test run. */
@QuarkusTest
@TestProfile(S3StorageTest.S3Storage.class)
class S3StorageTest {

    public static class S3Storage implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ServerResource.class));
        }

        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            // Small parts, so the test database's backup (a few hundred KB) goes up as a multipart upload.
            return java.util.Map.of("app.storage.s3.multipart-part-size", "65536");
        }
    }

    /** A backup goes to the bucket in parts, encrypted, and is restored from there and verified. */
    @Test
    void backupsAreStoredInTheBucketInPartsAndVerifiedFromThere() {
        Api.registerOrganization();
        var ops = given().baseUri("http://localhost:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001)).port(-1)
                .header("Authorization", "Bearer test-ops-token-0123456789");
        String id = ops.post("/q/ops/backups").then().statusCode(202).extract().jsonPath().getString("id");
        io.restassured.path.json.JsonPath done = null;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            done = ops.get("/q/ops/backups/" + id).then().statusCode(200).extract().jsonPath();
            if (!"running".equals(done.getString("status")) && !"verifying".equals(done.getString("status"))) {
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertEquals("verified", done.getString("status"), done.prettify());
        assertTrue(done.getLong("size_bytes") > 65536 * 2, "more than two parts: " + done.getLong("size_bytes"));
        try (S3Client s3 = bucket()) {
            var head = s3.headObject(r -> r.bucket(S3ServerResource.BUCKET).key("backups/" + id + ".dump.enc"));
            assertEquals(done.getLong("size_bytes"), head.contentLength().longValue());
            assertTrue(s3.headObject(r -> r.bucket(S3ServerResource.BUCKET).key("backups/" + id + ".manifest.json"))
                    .contentLength() > 0);
        }
    }

    private static S3Client bucket() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(S3ServerResource.endpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ServerResource.ACCESS_KEY, S3ServerResource.SECRET_KEY)))
                .build();
    }

    private static List<String> keys(S3Client s3, long organizationId) {
        return s3.listObjectsV2(r -> r.bucket(S3ServerResource.BUCKET).prefix("org-" + organizationId + "/"))
                .contents().stream().map(S3Object::key).toList();
    }

    @Test
    void filesAndPhotosRoundTripThroughTheBucket() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        byte[] pdf = Uploads.pdf();
        try (S3Client s3 = bucket()) {
            JsonPath file = Uploads.multipart(admin).multiPart("file", "report.pdf", pdf, "application/pdf")
                    .multiPart("category", "assessment").multiPart("client_id", String.valueOf(client.id()))
                    .post("/api/files").then().statusCode(201).extract().jsonPath();
            List<String> stored = keys(s3, admin.organizationId());
            assertEquals(1, stored.size());
            String key = stored.get(0);
            assertTrue(key.startsWith("org-" + admin.organizationId() + "/files/"), key);
            assertTrue(!key.contains("report"), "the key is random, not the user's file name");
            assertArrayEquals(pdf, s3.getObjectAsBytes(r -> r.bucket(S3ServerResource.BUCKET).key(key)).asByteArray());
            assertEquals("application/pdf", s3.headObject(r -> r.bucket(S3ServerResource.BUCKET).key(key)).contentType());

            URI link = URI.create(file.getString("file.download_url"));
            byte[] downloaded = given().get(link.getRawPath() + "?" + link.getRawQuery()).then().statusCode(200)
                    .contentType("application/pdf").extract().asByteArray();
            assertArrayEquals(pdf, downloaded);

            byte[] jpeg = Uploads.jpegWithGps();
            long photo = Uploads.multipart(admin).multiPart("file", "p.jpg", jpeg, "image/jpeg")
                    .multiPart("client_id", String.valueOf(client.id())).post("/api/progress-photos")
                    .then().statusCode(201).extract().jsonPath().getLong("data.id");
            assertEquals(2, keys(s3, admin.organizationId()).size());
            admin.as().get("/api/progress-photos/" + photo + "/file").then().statusCode(200).contentType("image/jpeg");

            admin.as().delete("/api/files/" + file.getLong("file.id")).then().statusCode(200);
            admin.as().delete("/api/progress-photos/" + photo).then().statusCode(200);
            assertEquals(List.of(), keys(s3, admin.organizationId()), "deletes remove the objects");
            // A refused upload writes nothing to the bucket either.
            Uploads.multipart(admin).multiPart("file", "fake.jpg", Uploads.text("not an image"), "image/jpeg")
                    .multiPart("client_id", String.valueOf(client.id())).post("/api/progress-photos")
                    .then().statusCode(400);
            assertEquals(List.of(), keys(s3, admin.organizationId()));
        }
    }
}
