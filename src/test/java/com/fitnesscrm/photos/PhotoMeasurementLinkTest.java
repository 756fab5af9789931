package com.fitnesscrm.photos;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** A photo's measurement_id must be a measurement of the photo's client: it was stored unchecked. */
@QuarkusTest
class PhotoMeasurementLinkTest {

    private static long measurement(Api.Session as, long clientId) {
        return as.as().body(Map.of("client_id", clientId, "weight", "80")).post("/api/measurements")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aPhotoNamesOnlyAMeasurementOfItsOwnClient() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Api.Person other = Api.client(admin);
        Api.Session elsewhere = Api.registerOrganization();
        long own = measurement(admin, client.id());
        long othersClient = measurement(admin, other.id());
        long otherOrganization = measurement(elsewhere, Api.client(elsewhere).id());

        for (long wrong : new long[] {othersClient, otherOrganization, 999_999_999L}) {
            Uploads.multipart(admin).multiPart("file", "front.png", Uploads.png(), "image/png")
                    .multiPart("client_id", String.valueOf(client.id()))
                    .multiPart("measurement_id", String.valueOf(wrong))
                    .post("/api/progress-photos").then().statusCode(400)
                    .body("details[0].field", equalTo("measurement_id")).body("success", equalTo(false));
        }
        admin.as().get("/api/progress-photos?client_id=" + client.id()).then().statusCode(200).body("count", equalTo(0));

        long photo = Uploads.multipart(admin).multiPart("file", "front.png", Uploads.png(), "image/png")
                .multiPart("client_id", String.valueOf(client.id())).multiPart("measurement_id", String.valueOf(own))
                .post("/api/progress-photos").then().statusCode(201)
                .body("data.measurement_id", equalTo((int) own)).extract().jsonPath().getLong("data.id");
        admin.as().body(Map.of("measurement_id", otherOrganization)).put("/api/progress-photos/" + photo)
                .then().statusCode(400).body("details[0].field", equalTo("measurement_id"));
        admin.as().body(Map.of("measurement_id", "")).put("/api/progress-photos/" + photo)
                .then().statusCode(200).body("data.measurement_id", nullValue());
    }
}
