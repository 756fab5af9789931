package com.fitnesscrm.common;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The service started with a JDBC URL that names no {@code currentSchema}, as a plain {@code DATABASE_URL} gives it,
 * and its own schema: Flyway migrates that schema and the native queries (the workout statistics read
 * {@code scheduled_workouts} natively) find their tables there, because each connection's search path starts with
 * the configured schema (issue 8: the dev profile failed at start with {@code relation "scheduled_workouts" does not
 * exist}).
 */
@QuarkusTest
@TestProfile(PlainDatabaseUrlTest.PlainUrl.class)
class PlainDatabaseUrlTest {

    static final String SCHEMA = "fitnesscrm_test_plain_url";

    /** The test profile with the URL's currentSchema removed and a schema of its own (cleaned at start). */
    public static class PlainUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "%test.quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/postgres",
                    "%test.quarkus.flyway.schemas", SCHEMA,
                    "%test.quarkus.flyway.default-schema", SCHEMA,
                    "%test.quarkus.hibernate-orm.database.default-schema", SCHEMA);
        }
    }

    @Inject
    EntityManager em;

    @Test
    void nativeQueriesFindTheirTablesWithoutCurrentSchemaInTheUrl() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        assertFalse(url.contains("currentSchema"), url);
        assertEquals(SCHEMA, em.createNativeQuery("select current_schema()").getSingleResult());

        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        // The statistics are native SQL over scheduled_workouts and workout_logs.
        admin.as().get("/api/workouts/stats/" + client.id()).then().statusCode(200)
                .body("current_streak_days", notNullValue());
    }
}
