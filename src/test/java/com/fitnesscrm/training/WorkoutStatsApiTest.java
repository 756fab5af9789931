package com.fitnesscrm.training;

import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.support.Api;
import com.fitnesscrm.training.api.WorkoutStats;
import com.fitnesscrm.training.service.WorkoutStatsService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class WorkoutStatsApiTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Inject
    WorkoutStatsService stats;

    @Test
    void eveningWorkoutsAcrossTheClockChangeAreConsecutiveDaysInTheClientsZone() {
        Api.Session admin = Api.registerOrganization();
        // The most recent last Sunday of October at least a few days back: the clocks went back that night.
        LocalDate today = LocalDate.now(LONDON);
        LocalDate change = LocalDate.of(today.getYear(), 10, 31).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
        if (change.isAfter(today.minusDays(4))) {
            change = LocalDate.of(today.getYear() - 1, 10, 31).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
        }
        for (String time : List.of("23:30", "00:30")) {
            Api.Person client = londoner(admin);
            // Wall-clock times mean the client's zone; one is sent as the SPA's toISOString() would.
            for (LocalDate day = change.minusDays(3); !day.isAfter(change.plusDays(3)); day = day.plusDays(1)) {
                String when = day.equals(change.plusDays(1))
                        ? day.atTime(java.time.LocalTime.parse(time)).atZone(LONDON).toInstant().toString()
                        : day + "T" + time;
                client.session().as().body(Map.of("client_id", client.id(), "completed_date", when))
                        .post("/api/workouts/log").then().statusCode(201);
            }
            client.session().as().get("/api/workouts/stats/" + client.id()).then().statusCode(200)
                    .body("time_zone", equalTo("Europe/London"))
                    .body("longest_streak_days", equalTo(7)).body("current_streak_days", equalTo(0))
                    .body("longest_streak_weeks", equalTo(2));
        }
    }

    @Test
    void aProgramsRestDayKeepsTheStreakWhileAnUnscheduledMissBreaksIt() {
        Api.Session admin = Api.registerOrganization();
        long a = Training.simpleTemplate(admin, "A");
        long b = Training.simpleTemplate(admin, "B");
        // One week: workouts on days 1, 2, 4, 5, 6, 7; day 3 is a rest day.
        long program = admin.as().body(Map.of("name", "Rest on day 3", "duration_weeks", 1, "days", List.of(
                        day(1, a), day(2, b), day(4, a), day(5, b), day(6, a), day(7, b))))
                .post("/api/workouts/programs").then().statusCode(201).extract().jsonPath().getLong("program.id");
        LocalDate today = LocalDate.now(LONDON);
        LocalDate start = today.minusDays(4);

        Api.Person rested = londoner(admin);
        assignProgram(admin, rested, program, start);
        logAtNoon(rested, start, start.plusDays(1), start.plusDays(3), today);
        rested.session().as().get("/api/workouts/stats/" + rested.id()).then().statusCode(200)
                .body("current_streak_days", equalTo(4)).body("longest_streak_days", equalTo(4));

        // The same days without a program: the third day is just missed.
        Api.Person unplanned = londoner(admin);
        logAtNoon(unplanned, start, start.plusDays(1), start.plusDays(3), today);
        unplanned.session().as().get("/api/workouts/stats/" + unplanned.id()).then()
                .body("current_streak_days", equalTo(2)).body("longest_streak_days", equalTo(2));

        // Missing a day the program schedules breaks it; today, not yet trained, does not.
        Api.Person skipped = londoner(admin);
        assignProgram(admin, skipped, program, start);
        logAtNoon(skipped, start, start.plusDays(1), start.plusDays(4));
        skipped.session().as().get("/api/workouts/stats/" + skipped.id()).then()
                .body("current_streak_days", equalTo(1)).body("longest_streak_days", equalTo(2));
        Api.Person notYet = londoner(admin);
        assignProgram(admin, notYet, program, start);
        logAtNoon(notYet, start, start.plusDays(1), start.plusDays(3));
        notYet.session().as().get("/api/workouts/stats/" + notYet.id()).then()
                .body("current_streak_days", equalTo(3));

        // Assigned per week: the program's six scheduled days, by ISO week.
        JsonPath figures = rested.session().as().get("/api/workouts/stats/" + rested.id()).then().extract().jsonPath();
        Map<String, Integer> expected = new HashMap<>();
        for (int n : List.of(0, 1, 3, 4, 5, 6)) {
            expected.merge(monday(start.plusDays(n)).toString(), 1, Integer::sum);
        }
        List<Map<String, Object>> weeks = figures.getList("weeks");
        assertEquals(12, weeks.size());
        for (Map<String, Object> week : weeks) {
            assertEquals(expected.getOrDefault((String) week.get("week_start"), 0), week.get("assigned"),
                    "assigned in the week of " + week.get("week_start"));
        }
    }

    @Test
    @ActivateRequestContext
    void completionIsCompletedOverAssignedPerWeek() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = londoner(admin);
        long template = Training.simpleTemplate(admin, "Three a week");
        LocalDate thisMonday = monday(LocalDate.now(LONDON));
        LocalDate lastMonday = thisMonday.minusWeeks(1);
        admin.as().body(Map.of("client_id", client.id(), "workout_template_id", template, "frequency_per_week", 3,
                "start_date", lastMonday.toString())).post("/api/workouts/assign").then().statusCode(201);
        logAtNoon(client, lastMonday, lastMonday.plusDays(1));
        client.session().as().body(Map.of("client_id", client.id())).post("/api/workouts/log").then().statusCode(201);
        // Not completed: not counted.
        client.session().as().body(Map.of("client_id", client.id(), "completed", false)).post("/api/workouts/log")
                .then().statusCode(201);

        client.session().as().get("/api/workouts/stats/" + client.id()).then().statusCode(200)
                .body("weeks", hasSize(12))
                .body("weeks[0].week_start", equalTo(thisMonday.minusWeeks(11).toString()))
                .body("weeks[0].assigned", equalTo(0)).body("weeks[0].completed", equalTo(0))
                .body("weeks[10].week_start", equalTo(lastMonday.toString()))
                .body("weeks[10].assigned", equalTo(3)).body("weeks[10].completed", equalTo(2))
                .body("weeks[11].assigned", equalTo(3)).body("weeks[11].completed", equalTo(1))
                .body("completion_rate", equalTo(50.0f)).body("workouts_this_week", equalTo(1))
                .body("current_streak_weeks", equalTo(2)).body("longest_streak_weeks", equalTo(2));

        // The client portal's figures, for the feature that puts the portal together.
        WorkoutStats.PortalFigures portal = stats.portalFigures(Caller.of(admin.userId(), admin.organizationId(),
                Role.ADMIN, admin.email()), client.id());
        assertEquals(1, portal.workoutsThisWeek());
        assertEquals(50.0, portal.completionRate());
    }

    private static Api.Person londoner(Api.Session admin) {
        Api.Person client = Api.client(admin);
        client.session().as().body(Map.of("user_time_zone", "Europe/London")).put("/api/settings").then()
                .statusCode(200);
        return client;
    }

    private static Map<String, Object> day(int day, long template) {
        return Map.of("day", day, "workout_template_id", template);
    }

    private static void assignProgram(Api.Session admin, Api.Person client, long program, LocalDate start) {
        admin.as().body(Map.of("client_id", client.id(), "program_id", program, "start_date", start.toString()))
                .post("/api/workouts/assign").then().statusCode(201);
    }

    private static void logAtNoon(Api.Person client, LocalDate... days) {
        for (LocalDate day : days) {
            client.session().as().body(Map.of("client_id", client.id(), "completed_date", day + "T12:00"))
                    .post("/api/workouts/log").then().statusCode(201);
        }
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
