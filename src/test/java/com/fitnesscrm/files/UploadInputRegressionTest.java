package com.fitnesscrm.files;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Upload input found by review to fail as 500s. */
@QuarkusTest
class UploadInputRegressionTest {

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
