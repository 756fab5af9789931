package com.fitnesscrm.files;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Upload input found by review to fail as 500s. */
@QuarkusTest
class UploadInputRegressionTest {

    @Test
    void aFileNameLongerThanTheFeedsColumnIsStoredAndItsActivityShortened() {
        Api.Session admin = Api.registerOrganization();
        String name = "n".repeat(250) + ".txt";
        // The name fits files.original_filename (255) but not activity_log.name (200): the feed's insert failed.
        String stored = Uploads.multipart(admin).multiPart("file", name, Uploads.text("notes"), "text/plain")
                .multiPart("category", "other").post("/api/files").then().statusCode(201)
                .extract().jsonPath().getString("file.original_filename");
        assertEquals(name, stored);
        admin.as().get("/api/files").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aMultipartBodyCutBeforeItsClosingBoundaryIsABadRequest() {
        Api.Session admin = Api.registerOrganization();
        given().header("Authorization", "Bearer " + admin.token())
                .contentType("multipart/form-data; boundary=xx")
                .body("--xx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc"
                        .getBytes(StandardCharsets.US_ASCII))
                .post("/api/files").then().statusCode(400).body("code", equalTo("malformed_multipart"));
        admin.as().get("/api/files").then().statusCode(200).body("total", equalTo(0));
    }
}
