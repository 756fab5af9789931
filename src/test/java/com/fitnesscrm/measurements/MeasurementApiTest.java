package com.fitnesscrm.measurements;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class MeasurementApiTest {

    @Inject
    EntityManager em;

    private static long record(Api.Session as, Map<String, Object> body) {
        return as.as().body(body).post("/api/measurements").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private Object[] stored(long id) {
        return (Object[]) em.createNativeQuery("select weight_kg, waist_cm, muscle_mass_kg, chest_cm, body_fat_percentage"
                + " from measurements where id = ?1").setParameter(1, id).getSingleResult();
    }

    private long count(long clientId) {
        return ((Number) em.createNativeQuery("select count(*) from measurements where client_id = ?1")
                .setParameter(1, clientId).getSingleResult()).longValue();
    }

    @Test
    void theClientPortalGetsABareArrayAndTheAdminPageAPagedObject() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Api.Person other = Api.client(admin);
        // The client portal sends YYYY-MM-DD and form strings; the admin sends no date (now).
        record(client.session(), Map.of("client_id", String.valueOf(client.id()), "measurement_date", "2026-01-05",
                "weight", "82.5", "weight_unit", "kg", "body_fat_percentage", "", "notes", "Morning"));
        record(client.session(), Map.of("client_id", client.id(), "measurement_date", "2026-02-05", "weight", 81.0));
        long newest = record(admin, Map.of("client_id", client.id(), "weight", 80.2, "resting_heart_rate", "61"));
        record(admin, Map.of("client_id", other.id(), "weight", 70));

        JsonPath bare = client.session().as().get("/api/measurements?client_id=" + client.id()).then()
                .statusCode(200).body("$", hasSize(3)).extract().jsonPath();
        assertEquals(newest, bare.getLong("[0].id"));
        assertEquals(List.of(80.2f, 81.0f, 82.5f), bare.getList("weight"));
        assertEquals(bare.getString("[2].measurement_date"), bare.getString("[2].recorded_at"));
        assertEquals("Morning", bare.getString("[2].notes"));
        assertEquals("kg", bare.getString("[2].weight_unit"));
        assertEquals("cm", bare.getString("[2].measurement_unit"));
        assertEquals(bare.getString("[2].client_name"), client.session().as().get("/api/clients/" + client.id())
                .then().extract().jsonPath().getString("name"));
        assertEquals(null, (Object) bare.get("[2].body_fat_percentage"));
        assertEquals("client", bare.getString("[2].recorded_by"));
        assertEquals("admin", bare.getString("[0].recorded_by"));

        // The client's own list without client_id holds only their measurements.
        client.session().as().get("/api/measurements").then().statusCode(200).body("$", hasSize(3))
                .body("client_id", everyItem(equalTo((int) client.id())));
        client.session().as().get("/api/measurements?limit=2").then().body("$", hasSize(2));
        client.session().as().get("/api/measurements?start_date=2026-01-01&end_date=2026-02-05").then()
                .body("weight", equalTo(List.of(81.0f, 82.5f)));

        admin.as().get("/api/measurements?per_page=10").then().statusCode(200)
                .body("measurements", hasSize(4)).body("data", hasSize(4)).body("total", equalTo(4))
                .body("page", equalTo(1)).body("per_page", equalTo(10));
        admin.as().get("/api/measurements?per_page=2&page=2&client_id=" + client.id()).then().statusCode(200)
                .body("measurements.weight", equalTo(List.of(82.5f))).body("pages", equalTo(2));

        // The single read is a bare measurement; latest is {data}.
        admin.as().get("/api/measurements/" + newest).then().statusCode(200)
                .body("id", equalTo((int) newest)).body("weight", equalTo(80.2f))
                .body("resting_heart_rate", equalTo(61)).body("recorded_at", notNullValue())
                .body("$", not(hasKey("data")));
        client.session().as().get("/api/measurements/client/" + client.id() + "/latest").then().statusCode(200)
                .body("data.id", equalTo((int) newest));
        Api.Person fresh = Api.client(admin);
        admin.as().get("/api/measurements/client/" + fresh.id() + "/latest").then().statusCode(200)
                .body("data", nullValue());

        admin.as().body(Map.of("weight", "79.9", "notes", "")).put("/api/measurements/" + newest).then()
                .statusCode(200).body("weight", equalTo(79.9f)).body("resting_heart_rate", equalTo(61))
                .body("notes", nullValue());
        admin.as().delete("/api/measurements/" + newest).then().statusCode(200)
                .body("message", equalTo("Measurement deleted successfully"));
        admin.as().get("/api/measurements/" + newest).then().statusCode(404).body("error", notNullValue())
                .body("success", nullValue());
    }

    @Test
    void progressChartsAreTopLevelOldestFirstAndPresentOnlyWithData() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        admin.as().get("/api/measurements/client/" + client.id() + "/progress").then().statusCode(200)
                .body("$", equalTo(Map.of()));

        record(admin, Map.of("client_id", client.id(), "measurement_date", "2026-03-01", "weight", 80,
                "waist", 90, "chest", 100));
        record(admin, Map.of("client_id", client.id(), "measurement_date", "2026-01-01", "weight", 82,
                "body_fat_percentage", 20.5));
        record(admin, Map.of("client_id", client.id(), "measurement_date", "2026-02-01", "weight", 81,
                "waist", 92));

        JsonPath charts = client.session().as().get("/api/measurements/client/" + client.id() + "/progress").then()
                .statusCode(200)
                .body("$", not(hasKey("vitals"))).body("$", not(hasKey("data")))
                .body("weight.values", equalTo(List.of(82.0f, 81.0f, 80.0f)))
                .body("weight.unit", equalTo("kg"))
                .body("weight.dates", hasSize(3))
                .body("body_composition.dates", hasSize(1))
                .body("body_composition.body_fat", equalTo(List.of(20.5f)))
                .body("body_composition.muscle_mass", equalTo(java.util.Collections.singletonList(null)))
                .body("circumferences.dates", hasSize(2))
                .body("circumferences.waist", equalTo(List.of(92.0f, 90.0f)))
                .body("circumferences.chest", equalTo(java.util.Arrays.asList(null, 100.0f)))
                .body("circumferences", hasKey("calf_right"))
                .extract().jsonPath();
        List<String> dates = charts.getList("weight.dates");
        assertEquals(dates.stream().sorted().toList(), dates, "oldest first");

        record(admin, Map.of("client_id", client.id(), "measurement_date", "2026-03-08", "resting_heart_rate", 58,
                "blood_pressure_systolic", 118, "blood_pressure_diastolic", 76));
        admin.as().get("/api/measurements/client/" + client.id() + "/progress").then()
                .body("vitals.dates", hasSize(1)).body("vitals.resting_heart_rate", equalTo(List.of(58)))
                .body("vitals.blood_pressure_systolic", equalTo(List.of(118)))
                .body("vitals.blood_pressure_diastolic", equalTo(List.of(76)))
                .body("weight.values", hasSize(3));
    }

    @Test
    void unitsAreStoredInKgAndCmAndShownInTheReadersSystem() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        long id = record(client.session(), Map.of("client_id", client.id(), "measurement_date", "2026-04-01",
                "weight", "180", "weight_unit", "lbs", "muscle_mass", "80", "waist", "32", "chest", "40.5",
                "measurement_unit", "inches", "body_fat_percentage", "22.5"));
        Object[] row = stored(id);
        assertEquals(new BigDecimal("81.647"), row[0], "180 lbs in kg");
        assertEquals(new BigDecimal("81.280"), row[1], "32 in in cm");
        assertEquals(new BigDecimal("36.287"), row[2], "80 lbs in kg");
        assertEquals(new BigDecimal("102.870"), row[3], "40.5 in in cm");
        assertEquals(new BigDecimal("22.50"), row[4], "a percentage is not converted");

        // Read metric (the default preference).
        client.session().as().get("/api/measurements/" + id).then().statusCode(200)
                .body("weight", equalTo(81.65f)).body("weight_unit", equalTo("kg"))
                .body("muscle_mass", equalTo(36.29f))
                .body("waist", equalTo(81.28f)).body("chest", equalTo(102.87f))
                .body("measurement_unit", equalTo("cm")).body("body_fat_percentage", equalTo(22.5f));
        // One request in imperial gives back what was typed.
        client.session().as().get("/api/measurements/" + id + "?units=imperial").then()
                .body("weight", equalTo(180.0f)).body("weight_unit", equalTo("lbs"))
                .body("waist", equalTo(32.0f)).body("measurement_unit", equalTo("inches"));
        admin.as().get("/api/measurements/" + id + "?units=furlongs").then().statusCode(400)
                .body("details[0].field", equalTo("units"));

        // The preference lives in settings; the admin's own stays metric.
        client.session().as().body(Map.of("unit_system", "Imperial")).put("/api/settings").then().statusCode(200)
                .body("unit_system", equalTo("imperial"));
        client.session().as().get("/api/settings").then().body("unit_system", equalTo("imperial"));
        client.session().as().get("/api/measurements?client_id=" + client.id()).then()
                .body("[0].weight", equalTo(180.0f)).body("[0].weight_unit", equalTo("lbs"))
                .body("[0].chest", equalTo(40.5f));
        client.session().as().get("/api/measurements/client/" + client.id() + "/progress").then()
                .body("weight.values", equalTo(List.of(180.0f))).body("weight.unit", equalTo("lbs"))
                .body("circumferences.unit", equalTo("inches"));
        client.session().as().get("/api/measurements/client/" + client.id() + "/latest?units=metric").then()
                .body("data.weight", equalTo(81.65f));
        admin.as().get("/api/measurements/" + id).then().body("weight_unit", equalTo("kg"));

        // Without a unit in the body, numbers are in the caller's system; a unit sent converts only what it covers.
        long imperial = record(client.session(), Map.of("client_id", client.id(), "weight", 200, "hips", 40));
        assertEquals(new BigDecimal("90.718"), stored(imperial)[0]);
        client.session().as().body(Map.of("weight", "90", "weight_unit", "kg")).put("/api/measurements/" + imperial)
                .then().statusCode(200).body("weight", equalTo(198.42f)).body("hips", equalTo(40.0f))
                .body("weight_unit", equalTo("lbs"));
        assertEquals(new BigDecimal("90.000"), stored(imperial)[0]);

        client.session().as().body(Map.of("unit_system", "")).put("/api/settings").then()
                .body("unit_system", equalTo("metric"));
        client.session().as().body(Map.of("unit_system", "nautical")).put("/api/settings").then().statusCode(400)
                .body("details[0].field", equalTo("unit_system"));
        client.session().as().body(Map.of("weight", 80, "weight_unit", "stone", "client_id", client.id()))
                .post("/api/measurements").then().statusCode(400).body("details[0].field", equalTo("weight_unit"));
    }

    @Test
    void outOfRangeValuesAreA400NamingEachFieldAndNothingIsStored() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Map<String, Object> body = new HashMap<>();
        body.put("client_id", String.valueOf(client.id()));
        body.put("weight", "-3");
        body.put("body_fat_percentage", "80");
        body.put("waist", "400");
        body.put("resting_heart_rate", "300");
        body.put("blood_pressure_systolic", "120");
        body.put("blood_pressure_diastolic", "130");
        body.put("chest", "90");
        admin.as().body(body).post("/api/measurements").then().statusCode(400)
                .body("error", notNullValue())
                .body("details.field", containsInAnyOrder("weight", "body_fat_percentage", "waist",
                        "resting_heart_rate", "blood_pressure_diastolic"));
        // 1600 lbs is over 700 kg; the message speaks the unit that was sent.
        admin.as().body(Map.of("client_id", client.id(), "weight", 1600, "weight_unit", "lbs"))
                .post("/api/measurements").then().statusCode(400)
                .body("details[0].field", equalTo("weight"))
                .body("details[0].message", equalTo("must be between 2.2 lbs and 1543.24 lbs"));
        admin.as().body(Map.of("client_id", client.id(), "weight", "heavy")).post("/api/measurements").then()
                .statusCode(400).body("details[0].field", equalTo("weight"));
        admin.as().body(Map.of("client_id", client.id(), "measurement_date", "yesterday", "weight", 80))
                .post("/api/measurements").then().statusCode(400)
                .body("details[0].field", equalTo("measurement_date"));
        admin.as().body(Map.of("weight", 80)).post("/api/measurements").then().statusCode(400)
                .body("details[0].field", equalTo("client_id"));
        admin.as().body(Map.of("client_id", 987654321, "weight", 80)).post("/api/measurements").then()
                .statusCode(404);
        assertEquals(0, count(client.id()));

        long id = record(admin, Map.of("client_id", client.id(), "weight", 80));
        admin.as().body(Map.of("weight", 90, "waist", 0)).put("/api/measurements/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("waist"));
        admin.as().get("/api/measurements/" + id).then().body("weight", equalTo(80.0f));
        admin.as().get("/api/measurements?limit=0").then().statusCode(400).body("details[0].field", equalTo("limit"));
    }

    @Test
    void measurementsAreScopedToWhoMaySeeTheClient() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person otherTrainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        Api.Person otherClient = Api.client(otherTrainer.session());
        long id = record(trainer.session(), Map.of("client_id", client.id(), "weight", 75));
        long others = record(otherTrainer.session(), Map.of("client_id", otherClient.id(), "weight", 65));

        trainer.session().as().get("/api/measurements").then().statusCode(200)
                .body("id", equalTo(List.of((int) id)));
        otherClient.session().as().get("/api/measurements").then().body("id", equalTo(List.of((int) others)));
        admin.as().get("/api/measurements").then().body("id", containsInAnyOrder((int) id, (int) others));

        Api.Session stranger = Api.registerOrganization();
        for (Api.Session outsider : List.of(otherTrainer.session(), otherClient.session(), stranger)) {
            outsider.as().get("/api/measurements/" + id).then().statusCode(404);
            outsider.as().body(Map.of("weight", 99)).put("/api/measurements/" + id).then().statusCode(404);
            outsider.as().delete("/api/measurements/" + id).then().statusCode(404);
            outsider.as().get("/api/measurements?client_id=" + client.id()).then().statusCode(404);
            outsider.as().get("/api/measurements/client/" + client.id() + "/progress").then().statusCode(404);
            outsider.as().get("/api/measurements/client/" + client.id() + "/latest").then().statusCode(404);
            outsider.as().body(Map.of("client_id", client.id(), "weight", 99)).post("/api/measurements").then()
                    .statusCode(404);
            outsider.as().get("/api/measurements?per_page=100").then().statusCode(200)
                    .body("measurements.id", not(hasItem((int) id)));
        }
        // A client may leave client_id out: the measurement is their own.
        client.session().as().body(Map.of("weight", "74.5")).post("/api/measurements").then().statusCode(201)
                .body("client_id", equalTo((int) client.id()));
        assertEquals(2, count(client.id()));
        admin.as().get("/api/measurements/" + id).then().statusCode(200).body("weight", equalTo(75.0f));
    }
}
