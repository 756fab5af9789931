package com.fitnesscrm.dashboard;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * GET /api/crm/dashboard and /api/crm/stats against fixtures placed relative to now in a UTC organization. Every
 * expected figure is computed here from the fixtures' times with the documented rules (UTC day, ISO week from
 * Monday, live = not cancelled, outcomes of the last 30 days of past sessions, declined requests excluded).
 */
@QuarkusTest
class DashboardFiguresTest {

    /** What the test booked, as the rules need it. */
    private record Fixture(long id, long trainerId, long clientId, Instant start, String status, boolean declined,
                           boolean late) {
        boolean live() {
            return !"cancelled".equals(status);
        }
    }

    private final List<Fixture> fixtures = new ArrayList<>();

    private static Map<String, Object> booking(long trainerId, long clientId, Instant start, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("trainer_id", String.valueOf(trainerId));
        body.put("client_id", String.valueOf(clientId));
        body.put("session_date", start.toString());
        body.put("duration", "60");
        if (status != null) {
            body.put("status", status);
        }
        return body;
    }

    private long book(Api.Session as, Api.Person trainer, Api.Person client, Instant start, String status) {
        JsonPath created = as.as().body(booking(trainer.id(), client.id(), start, status)).post("/api/sessions")
                .then().statusCode(201).body("session_date", equalTo(start.toString())).extract().jsonPath();
        long id = created.getLong("id");
        fixtures.add(new Fixture(id, trainer.id(), client.id(), start, created.getString("status"),
                created.getBoolean("declined"), created.getBoolean("late_cancellation")));
        return id;
    }

    private void replace(long id, String status, boolean declined, boolean late) {
        for (int i = 0; i < fixtures.size(); i++) {
            Fixture f = fixtures.get(i);
            if (f.id() == id) {
                fixtures.set(i, new Fixture(id, f.trainerId(), f.clientId(), f.start(), status, declined, late));
            }
        }
    }

    /** The figures the dashboard must show for the sessions matching {@code scope}, at {@code now}. */
    private Map<String, Object> expected(Predicate<Fixture> scope, Instant now) {
        List<Fixture> mine = fixtures.stream().filter(scope).toList();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Instant dayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant weekStart = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant weekEnd = weekStart.plus(Duration.ofDays(7));
        Instant monthAgo = now.minus(Duration.ofDays(30));

        Map<String, Object> e = new LinkedHashMap<>();
        e.put("today", mine.stream().filter(f -> f.live() && !f.start().isBefore(dayStart) && f.start().isBefore(dayEnd)).count());
        e.put("week", mine.stream().filter(f -> f.live() && !f.start().isBefore(weekStart) && f.start().isBefore(weekEnd)).count());
        Instant monthAhead = now.plus(Duration.ofDays(30));
        e.put("upcoming", mine.stream().filter(f -> f.live() && !f.start().isBefore(now)
                && f.start().isBefore(monthAhead)).count());
        e.put("pending", mine.stream().filter(f -> "requested".equals(f.status()) && !f.start().isBefore(now)).count());
        e.put("active", mine.stream().filter(f -> f.live() && !f.start().isBefore(monthAgo)
                        && f.start().isBefore(monthAhead))
                .map(Fixture::clientId).distinct().count());

        Map<String, Long> weeks = new LinkedHashMap<>();
        for (int i = 11; i >= 0; i--) {
            LocalDate week = monday.minusWeeks(i);
            Instant from = week.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = from.plus(Duration.ofDays(7));
            weeks.put(week.toString(), mine.stream()
                    .filter(f -> f.live() && !f.start().isBefore(from) && f.start().isBefore(to)).count());
        }
        e.put("weeks", weeks);

        List<Fixture> recent = mine.stream().filter(f -> !f.start().isBefore(monthAgo) && f.start().isBefore(now)).toList();
        long completed = recent.stream().filter(f -> "completed".equals(f.status())).count();
        long cancelled = recent.stream().filter(f -> "cancelled".equals(f.status()) && !f.declined()).count();
        long late = recent.stream().filter(Fixture::late).count();
        long noShows = recent.stream().filter(f -> "no-show".equals(f.status())).count();
        e.put("completed", completed);
        e.put("cancelled", cancelled);
        e.put("late", late);
        e.put("no_shows", noShows);
        long decided = completed + cancelled + noShows;
        e.put("completion_rate", rate(completed, decided));
        e.put("cancellation_rate", rate(cancelled, decided));
        e.put("no_show_rate", rate(noShows, decided));
        e.put("late_cancellation_rate", rate(late, decided));
        e.put("next", mine.stream().filter(f -> f.live() && !f.start().isBefore(now))
                .sorted(Comparator.comparing(Fixture::start).thenComparing(Fixture::id))
                .limit(5).map(Fixture::id).toList());
        return e;
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    /** The figures as the API shows them, in the same shape as {@link #expected}. */
    private static Map<String, Object> actual(JsonPath body, String prefix) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("today", body.getLong(prefix + "today_sessions"));
        a.put("week", body.getLong(prefix + "week_sessions"));
        a.put("upcoming", body.getLong(prefix + "upcoming_sessions"));
        a.put("pending", body.getLong(prefix + "pending_requests"));
        a.put("active", body.getLong(prefix + "active_clients"));
        Map<String, Long> weeks = new LinkedHashMap<>();
        List<Map<String, Object>> rows = body.getList(prefix + "weekly_session_counts");
        for (Map<String, Object> row : rows) {
            weeks.put((String) row.get("week_start"), ((Number) row.get("count")).longValue());
        }
        a.put("weeks", weeks);
        a.put("completed", body.getLong(prefix + "outcomes.completed"));
        a.put("cancelled", body.getLong(prefix + "outcomes.cancelled"));
        a.put("late", body.getLong(prefix + "outcomes.late_cancellations"));
        a.put("no_shows", body.getLong(prefix + "outcomes.no_shows"));
        a.put("completion_rate", rateOf(body, prefix + "outcomes.completion_rate"));
        a.put("cancellation_rate", rateOf(body, prefix + "outcomes.cancellation_rate"));
        a.put("no_show_rate", rateOf(body, prefix + "outcomes.no_show_rate"));
        a.put("late_cancellation_rate", rateOf(body, prefix + "outcomes.late_cancellation_rate"));
        List<Number> next = body.getList(prefix + "next_sessions.id");
        a.put("next", next.stream().map(Number::longValue).toList());
        return a;
    }

    private static Double rateOf(JsonPath body, String path) {
        Object value = body.get(path);
        return value == null ? null : ((Number) value).doubleValue();
    }

    /**
     * Reads a figures endpoint and compares it with the expectation computed at the same moment. A read that
     * straddles a UTC midnight (when "today" and maybe "this week" change) is simply repeated.
     */
    private JsonPath assertFigures(Api.Session who, String path, Predicate<Fixture> scope) {
        for (int attempt = 0; ; attempt++) {
            Instant before = Instant.now();
            // Rates are read as doubles (RestAssured's default float would turn 33.3 into 33.29999923706055).
            JsonPath body = JsonPath.from(who.as().get(path).then().statusCode(200).extract().asString())
                    .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
            Instant after = Instant.now();
            boolean sameDay = before.atZone(ZoneOffset.UTC).toLocalDate().equals(after.atZone(ZoneOffset.UTC).toLocalDate());
            if (!sameDay && attempt < 2) {
                continue;
            }
            assertEquals("UTC", body.getString("sessions.time_zone"));
            assertEquals(30, body.getInt("sessions.outcomes.period_days"));
            assertEquals(12, body.getList("sessions.weekly_session_counts").size());
            assertEquals(expected(scope, before), actual(body, "sessions."), path + " for " + who.email());
            return body;
        }
    }

    @Test
    void dashboardFiguresAreCountedPerRoleFromTheSessionsAroundNow() {
        Api.Session admin = Api.registerOrganization();
        Api.Person trainer = Api.trainer(admin);
        Api.Person other = Api.trainer(admin);
        Api.Person c1 = Api.client(trainer.session());
        Api.Person c2 = Api.client(trainer.session());
        Api.Person c3 = Api.client(other.session());
        Api.Session t = trainer.session();
        Api.Session o = other.session();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Duration day = Duration.ofDays(1);

        // The trainer's past: two completed, a no-show, a late cancellation, a declined request, one still
        // "scheduled", and a completed session outside the 30-day outcome window (it still counts per week).
        book(t, trainer, c1, now.minus(day.multipliedBy(2)), "completed");
        book(t, trainer, c2, now.minus(day.multipliedBy(9)), "completed");
        book(t, trainer, c1, now.minus(day.multipliedBy(3)), "no-show");
        long late = book(t, trainer, c1, now.minus(day.multipliedBy(4)), null);
        t.as().body(Map.of("status", "cancelled")).put("/api/sessions/" + late).then().statusCode(200)
                .body("late_cancellation", equalTo(false));
        t.as().body(Map.of("late_cancellation", true)).put("/api/sessions/" + late).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("late_cancellation", equalTo(true));
        replace(late, "cancelled", false, true);
        long pastRequest = book(t, trainer, c2, now.minus(day.multipliedBy(5)), "requested");
        t.as().post("/api/sessions/" + pastRequest + "/decline").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("declined", equalTo(true));
        replace(pastRequest, "cancelled", true, false);
        book(t, trainer, c2, now.minus(Duration.ofHours(1)), null);
        book(t, trainer, c1, now.minus(day.multipliedBy(40)), "completed");

        // The trainer's future: booked sessions, a client's pending request and a client's declined request.
        book(t, trainer, c1, now.plus(Duration.ofHours(2)), null);
        book(t, trainer, c2, now.plus(day), null);
        book(t, trainer, c1, now.plus(day.multipliedBy(6)), null);
        // Beyond the 30-day window of "upcoming" and "active": only the next-sessions list may show it.
        book(t, trainer, c1, now.plus(day.multipliedBy(45)), null);
        long pending = book(c1.session(), trainer, c1, now.plus(day.multipliedBy(3)), null);
        long declined = book(c2.session(), trainer, c2, now.plus(day.multipliedBy(4)), null);
        t.as().body(Map.of("reason", "Away")).post("/api/sessions/" + declined + "/decline").then().statusCode(200)
                .body("declined", equalTo(true));
        replace(declined, "cancelled", true, false);
        assertEquals("requested", fixtures.stream().filter(f -> f.id() == pending).findFirst().orElseThrow().status());

        // Another trainer's sessions: never in the first trainer's figures.
        book(o, other, c3, now.minus(day.multipliedBy(2)).plus(Duration.ofMinutes(30)), "completed");
        book(o, other, c3, now.minus(day.multipliedBy(6)), "cancelled");
        book(o, other, c3, now.plus(day).plus(Duration.ofMinutes(30)), null);
        book(o, other, c3, now.plus(day.multipliedBy(10)), null);

        // Fixed points the computed expectations must agree with (guards the calculator itself).
        Map<String, Object> trainerView = expected(f -> f.trainerId() == trainer.id(), now);
        assertEquals(2L, trainerView.get("completed"));
        assertEquals(1L, trainerView.get("cancelled"));
        assertEquals(1L, trainerView.get("late"));
        assertEquals(1L, trainerView.get("no_shows"));
        assertEquals(50.0, trainerView.get("completion_rate"));
        assertEquals(25.0, trainerView.get("late_cancellation_rate"));
        assertEquals(1L, trainerView.get("pending"));
        assertEquals(4L, trainerView.get("upcoming"));
        Map<String, Object> adminView = expected(f -> true, now);
        assertEquals(3L, adminView.get("completed"));
        assertEquals(2L, adminView.get("cancelled"));
        assertEquals(33.3, adminView.get("cancellation_rate"));
        assertEquals(16.7, adminView.get("no_show_rate"));
        assertEquals(5, ((List<?>) adminView.get("next")).size());
        assertEquals(3L, adminView.get("active"));

        JsonPath adminDashboard = assertFigures(admin, "/api/crm/dashboard", f -> true);
        // The registrant is a trainer too: three trainers.
        assertEquals(3, adminDashboard.getLong("trainers_count"));
        assertEquals(3, adminDashboard.getLong("clients_count"));
        assertEquals(3, adminDashboard.getLong("assignments_count"));
        JsonPath adminStats = assertFigures(admin, "/api/crm/stats", f -> true);
        assertEquals(3, adminStats.getLong("total_trainers"));
        assertEquals(3, adminStats.getLong("total_clients"));
        assertEquals(2, adminStats.getLong("trainers_with_clients"));
        assertEquals(3, adminStats.getLong("clients_assigned"));

        JsonPath trainerDashboard = assertFigures(t, "/api/crm/dashboard", f -> f.trainerId() == trainer.id());
        assertEquals(3, trainerDashboard.getLong("trainers_count"));
        assertEquals(2, trainerDashboard.getLong("clients_count"));
        assertEquals(2, trainerDashboard.getLong("assignments_count"));
        assertFigures(t, "/api/crm/stats", f -> f.trainerId() == trainer.id());
        assertFigures(o, "/api/crm/dashboard", f -> f.trainerId() == other.id());

        JsonPath clientDashboard = assertFigures(c1.session(), "/api/crm/dashboard", f -> f.clientId() == c1.id());
        assertEquals(1, clientDashboard.getLong("trainers_count"));
        assertEquals(1, clientDashboard.getLong("clients_count"));
        assertEquals(1, clientDashboard.getLong("assignments_count"));
        assertFigures(c2.session(), "/api/crm/dashboard", f -> f.clientId() == c2.id());
        c1.session().as().get("/api/crm/stats").then().statusCode(403);
    }

    @Test
    void anOrganizationWithoutSessionsHasZerosAndNoRates() {
        Api.Session admin = Api.registerOrganization();
        JsonPath body = assertFigures(admin, "/api/crm/dashboard", f -> false);
        assertEquals(1, body.getLong("trainers_count"));
        assertEquals(0, body.getLong("clients_count"));
        assertNull(body.get("sessions.outcomes.completion_rate"));
        assertEquals(0, body.getList("sessions.next_sessions").size());
    }
}
