package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * A user time zone given as a fixed offset ("+10:00", accepted by the settings) was handed to PostgreSQL's
 * AT TIME ZONE as is, which reads it as POSIX: ten hours west instead of east, so workouts landed on the wrong day.
 */
@QuarkusTest
class FixedOffsetZoneTest {

    @Test
    void aWorkoutDoneInTheMorningOfAPlusTenOffsetCountsForThatLocalDay() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person client = Api.client(trainer.session());
        client.session().as().body(Map.of("user_time_zone", "+10:00")).put("/api/settings").then().statusCode(200);
        long template = Training.simpleTemplate(trainer.session(), "Morning");
        // Yesterday 23:30 UTC is today 09:30 at +10:00; today's weekday is scheduled.
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(10));
        int weekday = today.getDayOfWeek().getValue() - 1;
        long copy = trainer.session().as().body(Map.of("client_id", client.id(), "workout_template_id", template,
                        "schedule_days", List.of(weekday), "start_date", today.toString(), "end_date", today.toString()))
                .post("/api/workouts/assign").then().statusCode(201).extract().jsonPath().getLong("assignment.id");
        String doneAt = today.minusDays(1) + "T23:30:00.000Z";
        client.session().as().body(Map.of("client_id", client.id(), "client_workout_id", copy,
                "completed_date", doneAt)).post("/api/workouts/log").then().statusCode(201);

        trainer.session().as().get("/api/workouts/schedule/" + client.id() + "?start_date=" + today
                        + "&end_date=" + today).then().statusCode(200)
                .body("scheduled_workouts.completed", contains(true));
        trainer.session().as().get("/api/workouts/stats/" + client.id()).then().statusCode(200)
                .body("time_zone", equalTo("+10:00")).body("current_streak_days", equalTo(1));
    }
}
