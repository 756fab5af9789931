package com.fitnesscrm.settings;

import com.fitnesscrm.common.security.SecretBox;
import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings page: the SPA's three forms as form strings, masked and encrypted secrets, admin-only organization
 * fields, the caller's own time zone, validation and organization isolation.
 */
@QuarkusTest
class SettingsApiTest {

    private static final String SENDGRID_KEY = "SG.live-key-0123456789abcdef";
    private static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TWILIO_TOKEN = "twilio-auth-token-42";

    @Inject
    EntityManager em;

    @Inject
    SecretBox secrets;

    private static Map<String, Object> businessForm(String name) {
        Map<String, Object> form = new HashMap<>();
        form.put("business_name", name);
        form.put("owner_name", "Olivia Owner");
        form.put("contact_email", "hello@studio.example");
        form.put("contact_phone", "+44 20 7946 0000");
        form.put("address", "1 High Street, London");
        form.put("website", "www.studio.example");
        return form;
    }

    private static Map<String, Object> sendgridForm(String key) {
        return Map.of("sendgrid_api_key", key, "sendgrid_from_email", "noreply@studio.example",
                "sendgrid_from_name", "Studio", "sendgrid_enabled", "true");
    }

    private static Map<String, Object> twilioForm(String sid, String token) {
        return Map.of("twilio_account_sid", sid, "twilio_auth_token", token, "twilio_phone_number", "+15550100",
                "twilio_enabled", "false");
    }

    /** The three stored ciphertexts: sendgrid key, twilio sid, twilio token. */
    private String[] storedCiphertexts(long organizationId) {
        Object[] row = (Object[]) em.createNativeQuery("select sendgrid_api_key_ciphertext,"
                        + " twilio_account_sid_ciphertext, twilio_auth_token_ciphertext"
                        + " from organization_settings where organization_id = ?1")
                .setParameter(1, organizationId).getSingleResult();
        return new String[]{(String) row[0], (String) row[1], (String) row[2]};
    }

    @Test
    void beforeAnythingIsSavedGetAnswersTheDefaults() {
        Api.Session admin = Api.registerOrganization();
        admin.as().get("/api/settings").then().statusCode(200)
                .body("id", equalTo((int) admin.organizationId()))
                .body("business_name", equalTo("Studio " + admin.email()))
                .body("owner_name", nullValue())
                .body("contact_email", nullValue())
                .body("sendgrid_api_key", nullValue())
                .body("sendgrid_enabled", equalTo(false))
                .body("twilio_account_sid", nullValue())
                .body("twilio_auth_token", nullValue())
                .body("twilio_enabled", equalTo(false))
                .body("time_zone", equalTo("UTC"))
                .body("user_time_zone", nullValue())
                .body("working_hours", empty())
                .body("buffer_minutes", equalTo(0))
                .body("cancellation_window_hours", equalTo(24))
                .body("calendar_feed_url", nullValue())
                .body("created_at", nullValue());
        // A trainer sees the same defaults.
        Api.trainer(admin).session().as().get("/api/settings").then().statusCode(200)
                .body("business_name", equalTo("Studio " + admin.email()))
                .body("time_zone", equalTo("UTC"));
    }

    @Test
    void theThreeFormsSaveAndSecretsAreMaskedEncryptedAndKeptWhenSentBackEmptyOrMasked() {
        Api.Session admin = Api.registerOrganization();

        // The business form creates the row (201), as form strings; a bare host becomes an https address.
        admin.as().body(businessForm("Iron Studio")).put("/api/settings").then().statusCode(201)
                .body("business_name", equalTo("Iron Studio"))
                .body("owner_name", equalTo("Olivia Owner"))
                .body("contact_email", equalTo("hello@studio.example"))
                .body("contact_phone", equalTo("+44 20 7946 0000"))
                .body("address", equalTo("1 High Street, London"))
                .body("website", equalTo("https://www.studio.example"))
                .body("sendgrid_api_key", nullValue())
                .body("created_at", notNullValue());

        admin.as().body(sendgridForm(SENDGRID_KEY)).put("/api/settings").then().statusCode(200)
                .body("sendgrid_api_key", equalTo("***"))
                .body("sendgrid_from_email", equalTo("noreply@studio.example"))
                .body("sendgrid_from_name", equalTo("Studio"))
                .body("sendgrid_enabled", equalTo(true))
                .body("business_name", equalTo("Iron Studio"));

        admin.as().body(twilioForm(TWILIO_SID, TWILIO_TOKEN)).put("/api/settings").then().statusCode(200)
                .body("twilio_account_sid", equalTo("***"))
                .body("twilio_auth_token", equalTo("***"))
                .body("twilio_phone_number", equalTo("+15550100"))
                .body("twilio_enabled", equalTo(false))
                .body("sendgrid_api_key", equalTo("***"))
                .body("sendgrid_enabled", equalTo(true));

        String[] stored = storedCiphertexts(admin.organizationId());
        String[] plain = {SENDGRID_KEY, TWILIO_SID, TWILIO_TOKEN};
        for (int i = 0; i < 3; i++) {
            assertTrue(stored[i].startsWith("v2:"), stored[i]);
            assertFalse(stored[i].contains(plain[i]), "the plaintext must not be stored");
            assertEquals(plain[i], secrets.decrypt(stored[i]));
        }

        // The SPA sends the untouched secret fields back as "" ...
        admin.as().body(sendgridForm("")).put("/api/settings").then().statusCode(200)
                .body("sendgrid_api_key", equalTo("***"));
        admin.as().body(twilioForm("", "")).put("/api/settings").then().statusCode(200)
                .body("twilio_account_sid", equalTo("***"))
                .body("twilio_auth_token", equalTo("***"));
        // ... or as the mask it was shown.
        admin.as().body(sendgridForm("***")).put("/api/settings").then().statusCode(200)
                .body("sendgrid_api_key", equalTo("***"));
        admin.as().body(twilioForm("***", "***")).put("/api/settings").then().statusCode(200)
                .body("twilio_account_sid", equalTo("***"))
                .body("twilio_auth_token", equalTo("***"));

        String[] kept = storedCiphertexts(admin.organizationId());
        for (int i = 0; i < 3; i++) {
            assertEquals(stored[i], kept[i], "the stored secret is left alone");
            assertEquals(plain[i], secrets.decrypt(kept[i]));
        }

        // A new value replaces the secret (fresh nonce, new plaintext).
        admin.as().body(sendgridForm("SG.rotated-key")).put("/api/settings").then().statusCode(200)
                .body("sendgrid_api_key", equalTo("***"));
        String rotated = storedCiphertexts(admin.organizationId())[0];
        assertNotEquals(stored[0], rotated);
        assertEquals("SG.rotated-key", secrets.decrypt(rotated));

        admin.as().get("/api/settings").then().statusCode(200)
                .body("business_name", equalTo("Iron Studio"))
                .body("sendgrid_api_key", equalTo("***"))
                .body("twilio_account_sid", equalTo("***"))
                .body("twilio_auth_token", equalTo("***"));
    }

    @Test
    void aTrainerSeesNoCredentialsChangesOnlyTheirOwnTimeZoneAndBooksInIt() {
        Api.Session admin = Api.registerOrganization();
        admin.as().body(businessForm("Tokyo Lift")).put("/api/settings").then().statusCode(201);
        admin.as().body(sendgridForm(SENDGRID_KEY)).put("/api/settings").then().statusCode(200);
        admin.as().body(twilioForm(TWILIO_SID, TWILIO_TOKEN)).put("/api/settings").then().statusCode(200);
        Api.Person trainer = Api.trainer(admin);
        Api.Session t = trainer.session();

        t.as().get("/api/settings").then().statusCode(200)
                .body("business_name", equalTo("Tokyo Lift"))
                .body("contact_email", equalTo("hello@studio.example"))
                .body("sendgrid_api_key", nullValue())
                .body("sendgrid_from_email", nullValue())
                .body("sendgrid_from_name", nullValue())
                .body("twilio_account_sid", nullValue())
                .body("twilio_auth_token", nullValue())
                .body("twilio_phone_number", nullValue());

        t.as().body(Map.of("business_name", "Hijacked")).put("/api/settings").then().statusCode(403)
                .body("error", notNullValue());
        t.as().body(Map.of("buffer_minutes", "10")).put("/api/settings").then().statusCode(403);
        // A refused request changes nothing, not even the time zone it also carried.
        t.as().body(Map.of("user_time_zone", "Europe/Paris", "business_name", "Hijacked")).put("/api/settings")
                .then().statusCode(403);
        t.as().get("/api/settings").then().statusCode(200)
                .body("business_name", equalTo("Tokyo Lift")).body("user_time_zone", nullValue());

        t.as().body(Map.of("user_time_zone", "Asia/Tokyo")).put("/api/settings").then().statusCode(200)
                .body("user_time_zone", equalTo("Asia/Tokyo"))
                .body("time_zone", equalTo("UTC"))
                .body("business_name", equalTo("Tokyo Lift"))
                .body("sendgrid_api_key", nullValue());
        // The organization's zone and the admin's own are unchanged.
        admin.as().get("/api/settings").then().statusCode(200)
                .body("time_zone", equalTo("UTC")).body("user_time_zone", nullValue());

        // Wall-clock input from the trainer is now read in Tokyo (UTC+9, no daylight saving).
        Api.Person client = Api.client(t);
        String day = LocalDate.now().plusDays(20).toString();
        Map<String, Object> booking = new HashMap<>();
        booking.put("trainer_id", String.valueOf(trainer.id()));
        booking.put("client_id", String.valueOf(client.id()));
        booking.put("session_date", day + "T10:00");
        booking.put("duration", "60");
        t.as().body(booking).post("/api/sessions").then().statusCode(201)
                .body("session_date", equalTo(day + "T01:00:00Z"))
                .body("end_time", equalTo(day + "T02:00:00Z"));
        // The admin, in the organization's zone (UTC), reads the same wall-clock value as UTC.
        booking.put("session_date", day + "T10:00");
        booking.put("client_id", String.valueOf(Api.client(admin).id()));
        admin.as().body(booking).post("/api/sessions").then().statusCode(201)
                .body("session_date", equalTo(day + "T10:00:00Z"));

        // "" returns the trainer to the organization's zone.
        t.as().body(Map.of("user_time_zone", "")).put("/api/settings").then().statusCode(200)
                .body("user_time_zone", nullValue());
    }

    @Test
    void invalidFieldsAnswer400NamingTheFieldAndChangeNothing() {
        Api.Session admin = Api.registerOrganization();
        admin.as().body(businessForm("Valid Studio")).put("/api/settings").then().statusCode(201);

        Map<String, String> invalid = Map.of(
                "time_zone", "Mars/Olympus_Mons",
                "contact_email", "not-an-email",
                "website", "not a website",
                "buffer_minutes", "500",
                "cancellation_window_hours", "1000",
                "user_time_zone", "Nowhere/Atlantis");
        invalid.forEach((field, value) ->
                admin.as().body(Map.of(field, value)).put("/api/settings").then().statusCode(400)
                        .body("error", notNullValue())
                        .body("details[0].field", equalTo(field)));
        admin.as().body(Map.of("buffer_minutes", "-1")).put("/api/settings").then().statusCode(400)
                .body("details[0].field", equalTo("buffer_minutes"));
        // A bad field in a form with good ones rolls the whole form back.
        Map<String, Object> mixed = businessForm("Renamed Studio");
        mixed.put("time_zone", "Mars/Olympus_Mons");
        admin.as().body(mixed).put("/api/settings").then().statusCode(400)
                .body("details[0].field", equalTo("time_zone"));

        admin.as().get("/api/settings").then().statusCode(200)
                .body("business_name", equalTo("Valid Studio"))
                .body("contact_email", equalTo("hello@studio.example"))
                .body("website", equalTo("https://www.studio.example"))
                .body("time_zone", equalTo("UTC"))
                .body("buffer_minutes", equalTo(0))
                .body("cancellation_window_hours", equalTo(24))
                .body("user_time_zone", nullValue());

        // The valid scheduling fields as form strings.
        admin.as().body(Map.of("time_zone", "Europe/London", "buffer_minutes", "15",
                        "cancellation_window_hours", "48",
                        "working_hours", List.of(Map.of("weekday", "0", "start_time", "09:00", "end_time", "17:00"))))
                .put("/api/settings").then().statusCode(200)
                .body("time_zone", equalTo("Europe/London"))
                .body("buffer_minutes", equalTo(15))
                .body("cancellation_window_hours", equalTo(48))
                .body("working_hours[0].weekday", equalTo(0))
                .body("working_hours[0].start_time", equalTo("09:00"))
                .body("working_hours[0].end_time", equalTo("17:00"));
    }

    @Test
    void postCreatesOnceAndAnotherOrganizationNeverSeesTheseValues() {
        Api.Session admin = Api.registerOrganization();
        admin.as().body(Map.of("business_name", "First Studio", "contact_email", "first@studio.example"))
                .post("/api/settings").then().statusCode(201)
                .body("business_name", equalTo("First Studio"));
        admin.as().body(Map.of("business_name", "Second try")).post("/api/settings").then().statusCode(409)
                .body("error", notNullValue()).body("code", equalTo("settings_exist"));
        admin.as().body(sendgridForm(SENDGRID_KEY)).put("/api/settings").then().statusCode(200);
        admin.as().body(Map.of("time_zone", "America/Chicago", "buffer_minutes", "20")).put("/api/settings")
                .then().statusCode(200);
        // A trainer may not create them either.
        Api.Session other = Api.registerOrganization();
        Api.trainer(other).session().as().body(Map.of("business_name", "Mine")).post("/api/settings")
                .then().statusCode(403);

        other.as().get("/api/settings").then().statusCode(200)
                .body("id", equalTo((int) other.organizationId()))
                .body("business_name", equalTo("Studio " + other.email()))
                .body("contact_email", nullValue())
                .body("sendgrid_api_key", nullValue())
                .body("sendgrid_from_email", nullValue())
                .body("sendgrid_enabled", equalTo(false))
                .body("time_zone", equalTo("UTC"))
                .body("buffer_minutes", equalTo(0));
        // The other organization creating its own row leaves the first one alone.
        other.as().body(Map.of("business_name", "Other Studio")).post("/api/settings").then().statusCode(201);
        admin.as().get("/api/settings").then().statusCode(200)
                .body("id", equalTo((int) admin.organizationId()))
                .body("business_name", equalTo("First Studio"))
                .body("sendgrid_api_key", equalTo("***"))
                .body("time_zone", equalTo("America/Chicago"))
                .body("buffer_minutes", equalTo(20));
        other.as().get("/api/settings").then().statusCode(200)
                .body("business_name", equalTo("Other Studio"))
                .body("sendgrid_api_key", nullValue())
                .body("time_zone", equalTo("UTC"));
    }
}
