package com.fitnesscrm.dashboard;

import com.fitnesscrm.support.Api;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the read-model tests share: booking a session, and changing one row behind the services' back. */
final class ReadModelFixtures {

    private ReadModelFixtures() {
    }

    /** A 60-minute session of the trainer with the client at {@code at} (to the minute), booked by the trainer. */
    static long session(Api.Person trainer, Api.Person client, Instant at) {
        return trainer.session().as().body(Map.of("trainer_id", trainer.id(), "client_id", client.id(),
                        "session_date", at.truncatedTo(ChronoUnit.MINUTES).toString(), "duration", 60,
                        "override_conflicts", true))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Runs a one-row statement with the id as its only parameter, outside the services (no invalidation). */
    static void behindTheServices(DataSource database, String statement, long id) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement update = connection.prepareStatement(statement)) {
            update.setLong(1, id);
            assertEquals(1, update.executeUpdate());
        }
    }
}
