package com.fitnesscrm.photos;

import com.fitnesscrm.common.security.SignedUrls;
import com.fitnesscrm.photos.service.PhotoService;
import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProgressPhotoApiTest {

    @Inject
    SignedUrls signedUrls;

    /** The path and query of a signed URL (its origin is APP_BASE_URL, not the test server's port). */
    static String local(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    static JsonPath upload(Api.Session as, long clientId, String type, String date, byte[] bytes) {
        return Uploads.multipart(as).multiPart("file", "photo.png", bytes, "image/png")
                .multiPart("client_id", String.valueOf(clientId)).multiPart("photo_type", type)
                .multiPart("taken_date", date).multiPart("caption", "Week " + date)
                .multiPart("uploaded_by", "1")
                .post("/api/progress-photos").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void photosAreUploadedListedComparedChangedAndDeletedInTheSpaShapes() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        byte[] png = Uploads.png();

        JsonPath created = upload(trainer.session(), client.id(), "front", "2026-01-05", png);
        assertEquals(true, created.getBoolean("success"));
        assertEquals("Progress photo uploaded successfully", created.getString("message"));
        long first = created.getLong("data.id");
        assertEquals(client.id(), created.getLong("data.client_id"));
        assertEquals("front", created.getString("data.photo_type"));
        assertEquals("Week 2026-01-05", created.getString("data.caption"));
        assertEquals(trainer.session().userId(), created.getLong("data.uploaded_by"), "uploaded_by is the token's user");
        assertEquals("image/png", created.getString("data.content_type"));
        assertTrue(created.getString("data.taken_date").startsWith("2026-01-0"));
        assertEquals("/api/progress-photos/" + first + "/file", created.getString("data.file_path"));
        assertTrue(created.getString("data.file_url").contains("/api/progress-photos/" + first + "/file?expires="));
        assertEquals(1, Uploads.storedFiles(admin.organizationId()));

        long latest = upload(trainer.session(), client.id(), "front", "2026-03-01", png).getLong("data.id");
        long middle = upload(client.session(), client.id(), "front", "2026-02-01", png).getLong("data.id");
        long side = upload(admin, client.id(), "side", "2026-02-10", png).getLong("data.id");

        // List: newest first, filters by type and date range (a date alone as date_to is the whole day).
        trainer.session().as().get("/api/progress-photos?client_id=" + client.id()).then().statusCode(200)
                .body("success", equalTo(true)).body("count", equalTo(4))
                .body("data.id", equalTo(java.util.List.of((int) latest, (int) side, (int) middle, (int) first)));
        client.session().as().get("/api/progress-photos?client_id=" + client.id()
                        + "&photo_type=front&date_from=2026-01-06&date_to=2026-02-01").then().statusCode(200)
                .body("data.id", equalTo(java.util.List.of((int) middle)));
        admin.as().get("/api/progress-photos?client_id=&photo_type=").then().statusCode(200).body("count", equalTo(4));

        admin.as().get("/api/progress-photos/" + middle).then().statusCode(200)
                .body("success", equalTo(true)).body("data.id", equalTo((int) middle))
                .body("data.uploaded_by", equalTo((int) client.session().userId()));

        // Comparison: earliest and latest per type; after is null with a single photo; absent types absent.
        trainer.session().as().get("/api/progress-photos/client/" + client.id() + "/comparison").then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.front.before.id", equalTo((int) first)).body("data.front.after.id", equalTo((int) latest))
                .body("data.front.total_photos", equalTo(3))
                .body("data.side.before.id", equalTo((int) side)).body("data.side.after", nullValue())
                .body("data.side.total_photos", equalTo(1))
                .body("data", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("back")));

        trainer.session().as().body(Map.of("photo_type", "back", "caption", "Renamed", "taken_date", "2026-02-02",
                        "measurement_id", "")).put("/api/progress-photos/" + middle).then().statusCode(200)
                .body("success", equalTo(true)).body("data.photo_type", equalTo("back"))
                .body("data.caption", equalTo("Renamed"));
        trainer.session().as().body(Map.of("photo_type", "upside-down")).put("/api/progress-photos/" + middle)
                .then().statusCode(400).body("success", equalTo(false))
                .body("details[0].field", equalTo("photo_type"));

        assertEquals(4, Uploads.storedFiles(admin.organizationId()));
        trainer.session().as().delete("/api/progress-photos/" + first).then().statusCode(200)
                .body("success", equalTo(true)).body("message", notNullValue());
        assertEquals(3, Uploads.storedFiles(admin.organizationId()), "the stored image is removed with the photo");
        trainer.session().as().get("/api/progress-photos/" + first).then().statusCode(404)
                .body("success", equalTo(false)).body("error", notNullValue());
        trainer.session().as().delete("/api/progress-photos/" + first).then().statusCode(404);
    }

    @Test
    void aFileThatClaimsToBeJpegButIsTextIsRefusedAndNothingIsStored() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Uploads.multipart(admin).multiPart("file", "me.jpg", Uploads.text("just some text, not a picture"), "image/jpeg")
                .multiPart("client_id", String.valueOf(client.id()))
                .post("/api/progress-photos").then().statusCode(400)
                .body("success", equalTo(false)).body("details[0].field", equalTo("file"))
                .body("error", containsString("content"));
        // A real image type that photos do not accept (a PDF) and a JPEG header with nothing behind it.
        Uploads.multipart(admin).multiPart("file", "me.png", Uploads.pdf(), "image/png")
                .multiPart("client_id", String.valueOf(client.id()))
                .post("/api/progress-photos").then().statusCode(400).body("details[0].field", equalTo("file"));
        Uploads.multipart(admin).multiPart("file", "me.jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x10}, "image/jpeg")
                .multiPart("client_id", String.valueOf(client.id()))
                .post("/api/progress-photos").then().statusCode(400).body("details[0].field", equalTo("file"));
        // Missing file, missing client.
        Uploads.multipart(admin).multiPart("client_id", String.valueOf(client.id()))
                .post("/api/progress-photos").then().statusCode(400).body("details[0].field", equalTo("file"));
        Uploads.multipart(admin).multiPart("file", "me.png", Uploads.png(), "image/png")
                .post("/api/progress-photos").then().statusCode(400).body("details[0].field", equalTo("client_id"));

        admin.as().get("/api/progress-photos?client_id=" + client.id()).then().body("count", equalTo(0));
        assertEquals(0, Uploads.storedFiles(admin.organizationId()), "no object was written");
    }

    @Test
    void oversizeUploadsAnswer413AndNothingIsStored() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        // 12 MB declares more than the limit: refused before the body is read.
        Uploads.multipart(admin).multiPart("file", "big.png", Uploads.junk(12 * 1024 * 1024), "image/png")
                .multiPart("client_id", String.valueOf(client.id()))
                .post("/api/progress-photos").then().statusCode(413)
                .body("success", equalTo(false)).body("details[0].field", equalTo("file"))
                .body("error", containsString("10 MB"));
        // 10.5 MB fits the request allowance but the file alone is over 10 MB: refused after spooling.
        Uploads.multipart(admin).multiPart("file", "big.png", Uploads.junk(10 * 1024 * 1024 + 512 * 1024), "image/png")
                .multiPart("client_id", String.valueOf(client.id()))
                .post("/api/progress-photos").then().statusCode(413)
                .body("success", equalTo(false)).body("details[0].field", equalTo("file"));
        admin.as().get("/api/progress-photos?client_id=" + client.id()).then().body("count", equalTo(0));
        assertEquals(0, Uploads.storedFiles(admin.organizationId()));
    }

    @Test
    void theEleventhUploadWithinAnHourIsRefused() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        for (int i = 0; i < 10; i++) {
            upload(client.session(), client.id(), "other", "2026-01-01", Uploads.png());
        }
        Uploads.multipart(client.session()).multiPart("file", "p.png", Uploads.png(), "image/png")
                .multiPart("client_id", String.valueOf(client.id()))
                .post("/api/progress-photos").then().statusCode(429)
                .header("Retry-After", notNullValue()).body("success", equalTo(false))
                .body("code", equalTo("rate_limited"));
        // Files count against the same allowance; another user still has theirs.
        Uploads.multipart(client.session()).multiPart("file", "a.pdf", Uploads.pdf(), "application/pdf")
                .multiPart("category", "other").post("/api/files").then().statusCode(429);
        upload(admin, client.id(), "other", "2026-01-01", Uploads.png());
        assertEquals(11, Uploads.storedFiles(admin.organizationId()));
    }

    @Test
    void gpsLocationIsRemovedFromJpegsAndTheOrientationKept() throws Exception {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        byte[] original = Uploads.jpegWithGps();
        JpegImageMetadata before = (JpegImageMetadata) Imaging.getMetadata(original);
        assertNotNull(before.getExif().getGpsInfo(), "the fixture carries GPS");

        JsonPath created = Uploads.multipart(client.session())
                .multiPart("file", "holiday.jpg", original, "image/jpeg")
                .multiPart("photo_type", "front").post("/api/progress-photos")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(client.id(), created.getLong("data.client_id"), "a client uploads for themself");
        byte[] stored = given().get(local(created.getString("data.file_url"))).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();

        JpegImageMetadata after = (JpegImageMetadata) Imaging.getMetadata(stored);
        assertNotNull(after, "the EXIF block is still there");
        assertNull(after.getExif().getGpsInfo(), "no GPS position");
        assertNull(after.getExif().findDirectory(org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants.DIRECTORY_TYPE_GPS));
        TiffField orientation = after.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_ORIENTATION);
        assertNotNull(orientation, "orientation kept");
        assertEquals(6, orientation.getIntValue());
        assertEquals(32, Imaging.getImageInfo(stored).getWidth(), "still the same decodable image");

        // An image without EXIF is stored byte for byte.
        byte[] plain = Uploads.png();
        JsonPath png = upload(client.session(), client.id(), "side", "2026-01-01", plain);
        assertArrayEquals(plain, given().get(local(png.getString("data.file_url"))).then().statusCode(200)
                .extract().asByteArray());
    }

    @Test
    void photosAreSeenByTheClientTheirTrainersAndAdminsOnly() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person otherTrainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Api.Person otherClient = Api.client(otherTrainer.session());
        long photo = upload(trainer.session(), client.id(), "front", "2026-01-01", Uploads.png()).getLong("data.id");
        upload(otherTrainer.session(), otherClient.id(), "front", "2026-01-01", Uploads.png());

        for (Api.Session allowed : new Api.Session[]{admin, trainer.session(), client.session()}) {
            allowed.as().get("/api/progress-photos/" + photo).then().statusCode(200);
            allowed.as().get("/api/progress-photos/" + photo + "/file").then().statusCode(200)
                    .contentType("image/png").header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", startsWith("inline"));
            allowed.as().get("/api/progress-photos/client/" + client.id() + "/comparison").then().statusCode(200);
        }
        // Lists without a client are scoped: the client and their trainer see one photo, the admin two.
        client.session().as().get("/api/progress-photos").then().body("count", equalTo(1));
        trainer.session().as().get("/api/progress-photos").then().body("data.id", equalTo(java.util.List.of((int) photo)));
        admin.as().get("/api/progress-photos").then().body("count", equalTo(2));

        Api.Session stranger = Api.registerOrganization();
        for (Api.Session refused : new Api.Session[]{otherTrainer.session(), otherClient.session(), stranger}) {
            refused.as().get("/api/progress-photos/" + photo).then().statusCode(404).body("success", equalTo(false));
            refused.as().get("/api/progress-photos/" + photo + "/file").then().statusCode(404);
            refused.as().get("/api/progress-photos?client_id=" + client.id()).then().statusCode(404);
            refused.as().get("/api/progress-photos/client/" + client.id() + "/comparison").then().statusCode(404);
            refused.as().body(Map.of("caption", "x")).put("/api/progress-photos/" + photo).then().statusCode(404);
            refused.as().delete("/api/progress-photos/" + photo).then().statusCode(404);
            Uploads.multipart(refused).multiPart("file", "p.png", Uploads.png(), "image/png")
                    .multiPart("client_id", String.valueOf(client.id()))
                    .post("/api/progress-photos").then().statusCode(404);
        }
        admin.as().get("/api/progress-photos/" + photo).then().statusCode(200).body("data.caption", equalTo("Week 2026-01-01"));
    }

    @Test
    void signedLinksOpenTheImageWithoutAHeaderAndNothingElse() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        byte[] png = Uploads.png();
        JsonPath one = upload(admin, client.id(), "front", "2026-01-01", png);
        JsonPath two = upload(admin, client.id(), "back", "2026-01-02", png);
        long id = one.getLong("data.id");
        String url = local(one.getString("data.file_url"));

        Response ok = given().get(url);
        assertEquals(200, ok.statusCode());
        assertArrayEquals(png, ok.asByteArray());
        assertEquals("nosniff", ok.header("X-Content-Type-Options"));

        // No header and no signature; an altered signature; another photo's signature; an altered expiry.
        given().get("/api/progress-photos/" + id + "/file").then().statusCode(401);
        String signature = url.substring(url.indexOf("signature=") + 10);
        String tampered = url.substring(0, url.length() - 1) + (signature.endsWith("A") ? "B" : "A");
        given().get(tampered).then().statusCode(401).body("code", equalTo("invalid_link"))
                .body("success", equalTo(false));
        String otherUrl = local(two.getString("data.file_url"));
        given().get(url.replace("/" + id + "/", "/" + two.getLong("data.id") + "/")).then().statusCode(401);
        given().get(otherUrl.replaceAll("expires=\\d+", "expires=" + (Instant.now().getEpochSecond() + 86_400)))
                .then().statusCode(401).body("code", equalTo("invalid_link"));
        given().get("/api/progress-photos/999999999/file?expires=" + (Instant.now().getEpochSecond() + 60)
                + "&signature=" + signature).then().statusCode(401);

        // Expired: a correctly signed link whose time has passed.
        long past = Instant.now().getEpochSecond() - 5;
        String expired = signedUrls.sign(PhotoService.FILE_PATH, id, admin.organizationId(), past).query();
        given().get("/api/progress-photos/" + id + "/file?" + expired).then().statusCode(401)
                .body("code", equalTo("link_expired"));
        // The same construction with a future expiry works, so the refusal above is the expiry alone.
        String fresh = signedUrls.sign(PhotoService.FILE_PATH, id, admin.organizationId(), past + 600).query();
        given().get("/api/progress-photos/" + id + "/file?" + fresh).then().statusCode(200);
        // A link signed for another organization does not open this one's photo.
        String foreign = signedUrls.sign(PhotoService.FILE_PATH, id, admin.organizationId() + 1, past + 600).query();
        given().get("/api/progress-photos/" + id + "/file?" + foreign).then().statusCode(401);
        // The bearer token works as well as a link.
        admin.as().get("/api/progress-photos/" + id + "/file").then().statusCode(200);
    }
}
