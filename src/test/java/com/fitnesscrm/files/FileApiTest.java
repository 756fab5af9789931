package com.fitnesscrm.files;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FileApiTest {

    static String local(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** The SPA's upload form: every field a string, uploaded_by always "1". */
    static JsonPath upload(Api.Session as, String name, byte[] bytes, String declaredType, String category,
                           Long clientId) {
        return Uploads.multipart(as).multiPart("file", name, bytes, declaredType)
                .multiPart("category", category).multiPart("client_id", clientId == null ? "" : clientId.toString())
                .multiPart("description", "About " + name).multiPart("uploaded_by", "1")
                .multiPart("trainer_id", "").multiPart("session_id", "")
                .post("/api/files").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void filesAreUploadedListedCountedChangedDownloadedAndDeleted() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());

        JsonPath pdf = upload(trainer.session(), "Intake form.pdf", Uploads.pdf(), "application/pdf", "assessment", client.id());
        assertEquals("File uploaded successfully", pdf.getString("message"));
        long pdfId = pdf.getLong("file.id");
        assertEquals("Intake form.pdf", pdf.getString("file.original_filename"));
        assertEquals("application/pdf", pdf.getString("file.file_type"));
        assertEquals(Uploads.pdf().length, pdf.getInt("file.file_size"));
        assertEquals("assessment", pdf.getString("file.category"));
        assertEquals(client.id(), pdf.getLong("file.client_id"));
        assertEquals(trainer.id(), pdf.getLong("file.trainer_id"), "a trainer's file names them");
        assertEquals(trainer.session().userId(), pdf.getLong("file.uploaded_by"), "not the SPA's \"1\"");
        assertTrue(pdf.getString("file.download_url").contains("/api/files/" + pdfId + "/download?expires="));
        assertTrue(!pdf.getString("file.filename").contains("Intake"), "stored under a random name");

        byte[] docx = Uploads.docx();
        long docxId = upload(client.session(), "plan.docx", docx, "application/octet-stream", "Workout Plan", null)
                .getLong("file.id");
        // A .txt declared as a PDF is stored as what it is.
        JsonPath txt = upload(admin, "notes.pdf", Uploads.text("Squat 3x5 — ünïcödé ok\n"), "application/pdf", "other", client.id());
        assertEquals("text/plain; charset=utf-8", txt.getString("file.file_type"));
        upload(admin, "studio rules.pdf", Uploads.pdf(), "application/pdf", "contract", null);

        // P2 list, newest first, with filters; per_page default 50.
        admin.as().get("/api/files").then().statusCode(200)
                .body("total", equalTo(4)).body("pages", equalTo(1)).body("current_page", equalTo(1))
                .body("files[0].original_filename", equalTo("studio rules.pdf"));
        admin.as().get("/api/files?client_id=" + client.id() + "&category=workout_plan&page=1&per_page=1")
                .then().statusCode(200).body("total", equalTo(1)).body("files[0].id", equalTo((int) docxId))
                .body("files[0].file_type", equalTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        admin.as().get("/api/files?client_id=" + client.id() + "&per_page=2&page=2").then()
                .body("total", equalTo(3)).body("pages", equalTo(2)).body("current_page", equalTo(2))
                .body("files.size()", equalTo(1));
        admin.as().get("/api/files?trainer_id=" + trainer.id()).then().body("total", equalTo(1));
        admin.as().get("/api/files?per_page=abc").then().statusCode(400).body("details[0].field", equalTo("per_page"));

        admin.as().get("/api/files/categories").then().statusCode(200)
                .body("categories", hasItem(Map.of("value", "waiver", "label", "Waiver")))
                .body("categories.value", hasItem("workout_plan"));

        JsonPath stats = admin.as().get("/api/files/stats").then().statusCode(200).extract().jsonPath();
        long totalSize = Uploads.pdf().length * 2L + docx.length + txt.getLong("file.file_size");
        assertEquals(4, stats.getInt("total_files"));
        assertEquals(totalSize, stats.getLong("total_size"));
        assertEquals(Math.round(totalSize / 1048576.0 * 100) / 100.0, stats.getDouble("total_size_mb"), 1e-9);
        assertEquals(Map.of("assessment", 1, "workout_plan", 1, "other", 1, "contract", 1),
                stats.getMap("by_category"));
        // One client's figures: the studio document about no client is not among them.
        trainer.session().as().get("/api/files/stats?client_id=" + client.id()).then()
                .body("total_files", equalTo(3)).body("by_category", not(hasKey("contract")));

        admin.as().get("/api/files/" + pdfId).then().statusCode(200).body("id", equalTo((int) pdfId))
                .body("download_url", notNullValue());
        trainer.session().as().body(Map.of("category", "waiver", "description", "", "client_id", String.valueOf(client.id())))
                .put("/api/files/" + pdfId).then().statusCode(200)
                .body("message", equalTo("File updated successfully"))
                .body("file.category", equalTo("waiver")).body("file.description", equalTo(null));
        trainer.session().as().body(Map.of("category", "selfies")).put("/api/files/" + pdfId).then().statusCode(400)
                .body("details[0].field", equalTo("category"));

        // Download through the signed link, without a header: attachment with the user's name, type from the bytes.
        String link = local(admin.as().get("/api/files/" + docxId).then().extract().path("download_url"));
        Response download = given().get(link);
        assertEquals(200, download.statusCode());
        assertArrayEquals(docx, download.asByteArray());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.contentType());
        assertEquals("nosniff", download.header("X-Content-Type-Options"));
        assertEquals("attachment; filename=\"plan.docx\"; filename*=UTF-8''plan.docx", download.header("Content-Disposition"));
        String spaced = local(txt.getString("file.download_url"));
        assertTrue(given().get(spaced).header("Content-Disposition").endsWith("filename*=UTF-8''notes.pdf"));
        given().get("/api/files/" + docxId + "/download").then().statusCode(401);
        // Change the signature's first character to one it is not (it may itself be any base64url character).
        String altered = link.replaceFirst("signature=A", "signature=B").equals(link)
                ? link.replaceFirst("signature=.", "signature=A") : link.replaceFirst("signature=A", "signature=B");
        given().get(altered).then().statusCode(401).body("code", equalTo("invalid_link"));
        given().get(link.replace("/" + docxId + "/", "/" + pdfId + "/")).then().statusCode(401);

        assertEquals(4, Uploads.storedFiles(admin.organizationId()));
        trainer.session().as().delete("/api/files/" + pdfId).then().statusCode(200)
                .body("message", equalTo("File deleted successfully"));
        assertEquals(3, Uploads.storedFiles(admin.organizationId()), "the object is removed with the record");
        admin.as().get("/api/files/" + pdfId).then().statusCode(404).body("error", notNullValue());
        admin.as().get("/api/files/stats").then().body("total_files", equalTo(3));
    }

    @Test
    void typesAreRecognisedByTheirBytesAndRefusalsStoreNothing() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        // A text file named photo.jpg is accepted as text (files allow .txt): its name and declared type mean
        // nothing, so the refusals below are files whose bytes are none of the allowed types.
        Object[][] refused = {
                {"photo.jpg", Uploads.junk(100), "image/jpeg"},
                {"contract.docx", Uploads.zip("[Content_Types].xml", "xl/workbook.xml"), "application/octet-stream"},
                {"notes.txt", Uploads.junk(2048), "text/plain"},
                {"invalid-utf8.txt", new byte[]{'a', (byte) 0xC3, '(', 'b'}, "text/plain"},
                {"empty.pdf", new byte[0], "application/pdf"},
                {"clip.webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "image/webp"},
        };
        for (Object[] file : refused) {
            // Refused attempts count against the hourly allowance too: a fresh uploader for each.
            Uploads.multipart(Api.trainer(admin).session()).multiPart("file", (String) file[0], (byte[]) file[1], (String) file[2])
                    .multiPart("category", "other")
                    .post("/api/files").then().statusCode(400).body("details[0].field", equalTo("file"))
                    .body("success", equalTo(null));
        }
        Uploads.multipart(admin).multiPart("file", "a.pdf", Uploads.pdf(), "application/pdf")
                .multiPart("category", "").post("/api/files").then().statusCode(400)
                .body("details[0].field", equalTo("category"));
        Uploads.multipart(admin).multiPart("file", "a.pdf", Uploads.pdf(), "application/pdf")
                .multiPart("category", "other").multiPart("client_id", "abc").post("/api/files").then().statusCode(400)
                .body("details[0].field", equalTo("client_id"));
        Uploads.multipart(admin).multiPart("file", "a.pdf", Uploads.pdf(), "application/pdf")
                .multiPart("category", "other").multiPart("session_id", "999999").post("/api/files").then()
                .statusCode(404);
        // Over the 50 MB limit: refused before the body is read.
        Uploads.multipart(admin).multiPart("file", "film.mp4", Uploads.junk(51 * 1024 * 1024), "video/mp4")
                .multiPart("category", "other").post("/api/files").then().statusCode(413)
                .body("details[0].field", equalTo("file"));

        admin.as().get("/api/files").then().body("total", equalTo(0));
        assertEquals(0, Uploads.storedFiles(admin.organizationId()));

        // Videos and images are recognised too; GPS leaves JPEGs uploaded as files as well.
        byte[] mp4 = new byte[64];
        System.arraycopy(new byte[]{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, mp4, 0, 12);
        assertEquals("video/mp4", upload(admin, "clip.bin", mp4, "application/octet-stream", "other", null).getString("file.file_type"));
        mp4[8] = 'q'; mp4[9] = 't'; mp4[10] = ' '; mp4[11] = ' ';
        assertEquals("video/quicktime", upload(admin, "clip.mov", mp4, "video/quicktime", "other", null).getString("file.file_type"));
        assertEquals("image/png", upload(admin, "scan.pdf", Uploads.png(), "application/pdf", "other", null).getString("file.file_type"));
        JsonPath jpeg = upload(admin, "where.jpg", Uploads.jpegWithGps(), "image/jpeg", "other", client.id());
        byte[] stored = given().get(local(jpeg.getString("file.download_url"))).then().statusCode(200).extract().asByteArray();
        assertTrue(stored.length < Uploads.jpegWithGps().length, "the GPS directory is gone");
    }

    @Test
    void filesAreSeenByTheClientTheirTrainersAndAdminsOnly() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person otherTrainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Api.Person otherClient = Api.client(otherTrainer.session());
        long file = upload(trainer.session(), "waiver.pdf", Uploads.pdf(), "application/pdf", "waiver", client.id())
                .getLong("file.id");
        long mine = upload(client.session(), "diary.txt", Uploads.text("day 1"), "text/plain", "other", client.id())
                .getLong("file.id");
        long otherTrainersOwn = upload(otherTrainer.session(), "own.pdf", Uploads.pdf(), "application/pdf", "other", null)
                .getLong("file.id");

        for (Api.Session allowed : new Api.Session[]{admin, trainer.session(), client.session()}) {
            allowed.as().get("/api/files/" + file).then().statusCode(200);
            allowed.as().get("/api/files/" + file + "/download").then().statusCode(200)
                    .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment"));
        }
        client.session().as().get("/api/files").then().body("total", equalTo(2));
        trainer.session().as().get("/api/files").then().body("files.id", equalTo(List.of((int) mine, (int) file)));
        admin.as().get("/api/files").then().body("total", equalTo(3));
        trainer.session().as().get("/api/files/" + otherTrainersOwn).then().statusCode(404);
        otherTrainer.session().as().get("/api/files").then().body("files.id", equalTo(List.of((int) otherTrainersOwn)));

        // A client may not remove what their trainer filed (they can see it, so 403), but may remove their own.
        client.session().as().delete("/api/files/" + file).then().statusCode(403);
        client.session().as().body(Map.of("category", "other")).put("/api/files/" + file).then().statusCode(403);
        client.session().as().body(Map.of("client_id", String.valueOf(otherClient.id())))
                .put("/api/files/" + mine).then().statusCode(404);

        Api.Session stranger = Api.registerOrganization();
        for (Api.Session refused : new Api.Session[]{otherTrainer.session(), otherClient.session(), stranger}) {
            refused.as().get("/api/files/" + file).then().statusCode(404);
            refused.as().get("/api/files/" + file + "/download").then().statusCode(404);
            refused.as().get("/api/files?client_id=" + client.id()).then().statusCode(404);
            refused.as().get("/api/files/stats?client_id=" + client.id()).then().statusCode(404);
            refused.as().body(Map.of("category", "other")).put("/api/files/" + file).then().statusCode(404);
            refused.as().delete("/api/files/" + file).then().statusCode(404);
            Uploads.multipart(refused).multiPart("file", "x.pdf", Uploads.pdf(), "application/pdf")
                    .multiPart("category", "other").multiPart("client_id", String.valueOf(client.id()))
                    .post("/api/files").then().statusCode(404);
        }
        client.session().as().delete("/api/files/" + mine).then().statusCode(200);
    }
}
