package com.fitnesscrm.common;

import com.fitnesscrm.common.persistence.StatementCountHeader;
import com.fitnesscrm.billing.service.PaymentReminders;
import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.FakeStripe;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The SQL statements of each benchmarked request (bench/run.mjs), counted by the server (X-Sql-Statements, test
 * profile only), against a budget: a list or a figure is a fixed number of statements however many rows it
 * covers (no N+1), and no request reads the same row twice to decide who may see it. The data is big enough for
 * an N+1 to show: several clients, a week of sessions with each of them, logged workouts with six sets.
 * <p>
 * The read-model cache is off here: a cached list or figure costs no statement at all on a hit, and the budgets
 * are for what a miss (the first read after a write) computes.
 */
@QuarkusTest
@TestProfile(StatementBudgetTest.ReadModelCacheOff.class)
class StatementBudgetTest {

    /** Every view computed from the database on every call. */
    public static class ReadModelCacheOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.cache.enabled", "false");
        }
    }

    private static final String[] LIFTS = {"Barbell Back Squat", "Barbell Bench Press", "Conventional Deadlift",
            "Pull-Up", "Overhead Press", "Barbell Row"};
    private static final int CLIENTS = 8;
    private static final AtomicInteger SLOT = new AtomicInteger();
    private static final AtomicInteger MEMBER = new AtomicInteger();

    @Inject
    SessionFactory sessionFactory;

    /** One organization shaped like the benchmark's, made once for the class. */
    record Fixture(Api.Session admin, String adminEmail, long adminTrainerId, List<Long> clientIds,
                   List<Long> assignmentIds, List<Long> exerciseIds, Api.Person trainer, Api.Person trainerClient,
                   String weekQuery, long packageProductId, long membershipProductId) {
    }

    private static Fixture fixture;

    private static synchronized Fixture fixture() {
        if (fixture == null) {
            fixture = build();
        }
        return fixture;
    }

    private static Fixture build() {
        Api.Session admin = Api.registerOrganization();
        long adminTrainerId = admin.as().get("/api/trainers?per_page=1").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        List<Long> clientIds = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clientIds.add(admin.as().body(Map.of("name", "Budget Client " + i, "email", Api.uniqueEmail("budget"),
                    "phone", "+1555000" + i, "age", "30")).post("/api/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id"));
        }
        // Every client has a weekly series over five weeks (two past, this week, two ahead): this week holds one
        // session with each client, and the dashboard's weekly figures span several weeks.
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (int i = 0; i < CLIENTS; i++) {
            admin.as().body(Map.of("trainer_id", adminTrainerId, "client_id", clientIds.get(i),
                            "start_date", monday.minusWeeks(2).plusDays(i % 7).toString(),
                            "start_time", String.format("%02d:00", 8 + i), "recurrence_pattern", "weekly",
                            "recurrence_days", List.of(i % 7), "occurrences", 5, "duration", 30))
                    .post("/api/recurring-sessions").then().statusCode(201);
        }
        List<Long> exerciseIds = new ArrayList<>();
        List<Map<String, Object>> library = admin.as().queryParam("per_page", 1000).get("/api/workouts/exercises")
                .then().statusCode(200).extract().jsonPath().getList("exercises");
        for (String lift : LIFTS) {
            library.stream().filter(e -> lift.equals(e.get("name"))).findFirst()
                    .ifPresent(e -> exerciseIds.add(((Number) e.get("id")).longValue()));
        }
        assertEquals(LIFTS.length, exerciseIds.size(), "the shared library's barbell lifts");
        List<Map<String, Object>> exercises = new ArrayList<>();
        for (int i = 0; i < exerciseIds.size(); i++) {
            exercises.add(Map.of("exercise_id", exerciseIds.get(i), "order", i + 1, "sets", 3, "reps", "5",
                    "rest_seconds", 120, "weight", "60"));
        }
        long templateId = admin.as().body(Map.of("name", "Budget full body", "category", "strength",
                        "exercises", exercises)).post("/api/workouts/templates").then().statusCode(201)
                .extract().jsonPath().getLong("template.id");
        List<Long> assignmentIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assignmentIds.add(admin.as().body(Map.of("client_id", clientIds.get(i), "workout_template_id", templateId,
                            "frequency_per_week", 3)).post("/api/workouts/assign").then().statusCode(201)
                    .extract().jsonPath().getLong("assignment.id"));
        }
        // The progress client: logged workouts with six sets over three weeks, measurements and goals.
        for (int day = 0; day < 18; day += 3) {
            log(admin, clientIds.get(0), assignmentIds.get(0), exerciseIds,
                    Instant.now().minus(day, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), 50 + day);
        }
        for (int week = 0; week < 3; week++) {
            admin.as().body(Map.of("client_id", clientIds.get(0),
                            "measurement_date", LocalDate.now(ZoneOffset.UTC).minusWeeks(week).toString(),
                            "weight", 90 - week, "weight_unit", "kg", "body_fat_percentage", 24 - week))
                    .post("/api/measurements").then().statusCode(201);
        }
        for (String title : List.of("Squat 140 kg", "Lose 6 kg", "Run 10 km")) {
            admin.as().body(Map.of("client_id", String.valueOf(clientIds.get(0)), "title", title,
                            "target_value", 100, "current_value", 40, "priority", "high",
                            "milestones", List.of(Map.of("title", "Halfway", "target_value", 50))))
                    .post("/api/goals").then().statusCode(201);
        }
        // A trainer without admin rights, with clients of their own, and one of those clients with a login.
        Api.Person trainer = Api.trainer(admin);
        for (int i = 0; i < 3; i++) {
            trainer.session().as().body(Map.of("name", "Trainer Client " + i, "email", Api.uniqueEmail("tclient")))
                    .post("/api/clients").then().statusCode(201);
        }
        Api.Person trainerClient = Api.client(trainer.session());
        trainer.session().as().body(Map.of("trainer_id", trainer.id(), "client_id", trainerClient.id(),
                        "session_date", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString(),
                        "duration", 60, "override_conflicts", true))
                .post("/api/sessions").then().statusCode(201);
        // Payments: a package bought by each of the first clients, fees and drop-ins for every client.
        long packageId = admin.as().body(Map.of("kind", "package", "name", "Budget ten-pack", "price", "500",
                "session_count", "10")).post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");
        for (int i = 0; i < CLIENTS; i++) {
            for (int p = 0; p < 3; p++) {
                admin.as().body(Map.of("client_id", clientIds.get(i), "amount", 40 + p * 10 + i,
                                "payment_type", p == 0 ? "session" : "membership",
                                "paid_at", Instant.now().minus(30L * p + i, ChronoUnit.DAYS).toString()))
                        .post("/api/payments").then().statusCode(201);
            }
            if (i < 3) {
                admin.as().body(Map.of("client_id", clientIds.get(i), "product_id", packageId))
                        .post("/api/payments").then().statusCode(201);
            }
        }
        // Stripe: the connected account, a membership, overdue money (two reminders per client) and events.
        admin.as().post("/api/stripe/connect/onboarding").then().statusCode(200);
        long membershipId = admin.as().body(Map.of("kind", "membership", "name", "Budget monthly", "price", "80",
                "billing_interval", "month")).post("/api/products").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        for (int i = 0; i < CLIENTS; i++) {
            for (int d = 1; d <= 2; d++) {
                admin.as().body(Map.of("client_id", clientIds.get(i), "amount", "30", "status", "pending",
                        "method", "bank_transfer", "due_date", LocalDate.now(ZoneOffset.UTC).minusDays(d + 1)
                                .toString())).post("/api/payments").then().statusCode(201);
            }
        }
        Arc.container().instance(PaymentReminders.class).get().scan();
        for (int i = 0; i < 3; i++) {
            webhook(FakeStripe.event("evt_budget_fixture_" + i + "_" + UUID.randomUUID(), "account.updated",
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("id", "acct_unknown")
                            .put("object", "account"), null, Instant.now()));
        }
        wearables(admin.organizationId(), clientIds.get(0), trainerClient.id());
        String week = "start_date=" + monday.atStartOfDay().toInstant(ZoneOffset.UTC)
                + "&end_date=" + monday.plusWeeks(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
        return new Fixture(admin, admin.email(), adminTrainerId, clientIds, assignmentIds, exerciseIds, trainer,
                trainerClient, week, packageId, membershipId);
    }

    /**
     * Thirty days of wearable data from two providers for the progress client (as the sync writes it), and a
     * Fitbit connection for the trainer's client (whose login reads the providers list).
     */
    private static void wearables(long organizationId, long clientId, long loginClientId) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            var em = io.quarkus.hibernate.orm.panache.Panache.getEntityManager();
            for (String sql : List.of(
                    "insert into wearable_daily (organization_id, client_id, provider, day, steps, distance_m, raw)"
                            + " select ?1, ?2, p, current_date - g, 8000 + g * (case p when 'fitbit' then 7 else 3 end),"
                            + " 6000, '{}' from generate_series(0, 29) g, (values ('fitbit'), ('strava')) v(p)",
                    "insert into wearable_heart_rate (organization_id, client_id, provider, day, resting_bpm, samples,"
                            + " raw) select ?1, ?2, 'fitbit', current_date - g, 58, (select jsonb_agg(jsonb_build_object("
                            + " 'time', to_char((current_date - g) + make_interval(hours => h), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                            + " 'bpm', 60 + h)) from generate_series(0, 23) h), '{}' from generate_series(0, 29) g",
                    "insert into wearable_sleep (organization_id, client_id, provider, provider_record_id, start_at,"
                            + " end_at, minutes_asleep, stages, raw) select ?1, ?2, 'fitbit', 's' || g,"
                            + " (current_date - g) - interval '1 hour', (current_date - g) + interval '7 hours', 420,"
                            + " '[]', '{}' from generate_series(0, 29) g",
                    "insert into wearable_workouts (organization_id, client_id, provider, provider_record_id,"
                            + " activity_type, start_at, end_at, duration_s, distance_m, raw) select ?1, ?2, p,"
                            + " p || g, 'run', (current_date - g) + interval '18 hours' + (case p when 'fitbit' then"
                            + " interval '1 minute' else interval '0' end), (current_date - g) + interval '18 hours 40"
                            + " minutes', 2400, 8000, '{}' from generate_series(0, 29) g, (values ('fitbit'),"
                            + " ('strava')) v(p)",
                    "insert into wearable_body (organization_id, client_id, provider, provider_record_id, measured_at,"
                            + " weight_kg, raw) select ?1, ?2, 'fitbit', 'w' || g, (current_date - g * 7) + interval"
                            + " '6 hours', 72.5, '{}' from generate_series(0, 4) g")) {
                em.createNativeQuery(sql).setParameter(1, organizationId).setParameter(2, clientId).executeUpdate();
            }
            for (long id : List.of(clientId, loginClientId)) {
                em.createNativeQuery("insert into wearable_connections (organization_id, client_id, user_id, provider,"
                                + " provider_user_id, scopes, next_sync_at) select ?1, c.id, coalesce(c.user_id, (select"
                                + " min(id) from users where organization_id = ?1)), 'fitbit', 'hu-budget-' || c.id,"
                                + " '', now() + interval '1 day' from clients c where c.id = ?2")
                        .setParameter(1, organizationId).setParameter(2, id).executeUpdate();
            }
        });
    }

    private static Response webhook(String payload) {
        Response response = given().contentType("application/json")
                .header("Stripe-Signature", FakeStripe.sign(payload, FakeStripe.WEBHOOK_SECRET, Instant.now()))
                .body(payload).post("/api/stripe/webhook");
        response.then().statusCode(200);
        return response;
    }

    /** A signed platform event about an intent of no one's (stored, then ignored by the worker). */
    private static Response signedEvent() {
        String id = "pi_budget_" + UUID.randomUUID().toString().replace("-", "");
        return webhook(FakeStripe.event("evt_budget_" + UUID.randomUUID().toString().replace("-", ""),
                "payment_intent.succeeded", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("id", id).put("object", "payment_intent").put("amount", 5000).put("currency", "usd")
                        .put("status", "succeeded"), null, Instant.now()));
    }

    private static Response log(Api.Session who, long clientId, long assignmentId, List<Long> exerciseIds,
                                Instant when, int weight) {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (int i = 0; i < exerciseIds.size(); i++) {
            sets.add(Map.of("exercise_id", exerciseIds.get(i), "set_number", i + 1, "reps", 5, "weight_kg", weight));
        }
        Map<String, Object> body = new LinkedHashMap<>(Map.of("client_id", clientId, "client_workout_id",
                assignmentId, "duration_minutes", 50, "difficulty_rating", 8, "sets", sets));
        if (when != null) {
            body.put("completed_date", when.toString());
        }
        Response response = who.as().body(body).post("/api/workouts/log");
        response.then().statusCode(201);
        return response;
    }

    /** A benchmarked request: its name, its budget (with what the statements are) and how to send it. */
    record Budgeted(String name, int budget, Function<Fixture, Response> send) {
    }

    // Each budget is the count after the fixes; the comment says what the statements are (before -> after).
    private static final List<Budgeted> REQUESTS = List.of(
            // 5: credentials by email (own short transaction), the user by id, its last_login update, the security
            // audit row, the refresh token.
            new Budgeted("POST /api/auth/login", 5, f -> given().contentType("application/json")
                    .body(Map.of("email", f.adminEmail(), "password", Api.PASSWORD)).post("/api/auth/login")),
            // 2 -> 1: the page with its total (a scalar count subquery).
            new Budgeted("GET /api/clients?per_page=25 (admin)", 1,
                    f -> f.admin().as().get("/api/clients?per_page=25")),
            // 3 -> 2: the trainer behind the login, the page with its total.
            new Budgeted("GET /api/clients (trainer)", 2, f -> f.trainer().session().as().get("/api/clients")),
            // 1: the user.
            new Budgeted("GET /api/auth/me", 1, f -> f.admin().as().get("/api/auth/me")),
            // 5 -> 3: the caller's zone (their settings, then the organization's), the sessions with trainer and
            // client names (before: the sessions, then trainers and clients by an IN list of their ids).
            new Budgeted("GET /api/sessions (a trainer's week, admin)", 3, f -> f.admin().as()
                    .get("/api/sessions?trainer_id=" + f.adminTrainerId() + "&" + f.weekQuery())),
            // 6 -> 4: as above, plus the trainer behind the login (the caller's scope).
            new Budgeted("GET /api/sessions (own week, trainer)", 4, f -> f.trainer().session().as()
                    .get("/api/sessions?trainer_id=" + f.trainer().id() + "&" + f.weekQuery())),
            // 13 -> 11: the trainer's and the client's records, live (the existence check and the answer's names
            // in one query each, before two); the caller's zone (settings, organization); the trainer's advisory
            // lock, the policy, overlapping sessions, time off, working hours; the insert; the activity row.
            new Budgeted("POST /api/sessions (admin)", 11, f -> f.admin().as().body(Map.of(
                    "trainer_id", f.adminTrainerId(), "client_id", f.clientIds().get(SLOT.get() % CLIENTS),
                    "session_date", Instant.now().plus(730, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS)
                            .plus(SLOT.getAndIncrement() * 30L, ChronoUnit.MINUTES).toString(),
                    "duration", 30)).post("/api/sessions")),
            // 10 -> 8: trainers, clients and assignments counted; the organization's zone; the FILTER aggregate,
            // pending requests, the weekly counts; the next five sessions with names (before: + two name lookups).
            new Budgeted("GET /api/crm/dashboard (admin)", 8, f -> f.admin().as().get("/api/crm/dashboard")),
            // 11 -> 8: the trainer behind the login (once, not per feature), their assignments, the trainers
            // counted; zone, aggregate, pending, weekly, next five with names.
            new Budgeted("GET /api/crm/dashboard (trainer)", 8,
                    f -> f.trainer().session().as().get("/api/crm/dashboard")),
            // 31 -> 19: the client behind the login (once), their assignments; zone, aggregate, pending, weekly,
            // next five with names; then their progress (12, below) without a second visibility lookup.
            new Budgeted("GET /api/crm/dashboard (client)", 19,
                    f -> f.trainerClient().session().as().get("/api/crm/dashboard")),
            // 24 -> 22: the client (visibility), the organization's zone (the client has no login), the assigned
            // copy and its exercises, the library (usable and names in one query, before two), the log, 6 sets
            // (identity keys: one insert each), the record rows ensured and locked, 6 record updates, the activity
            // row, the template's name.
            new Budgeted("POST /api/workouts/log (6 sets, admin)", 22, f -> log(f.admin(), f.clientIds().get(1),
                    f.assignmentIds().get(1), f.exerciseIds(), null, 60 + SLOT.getAndIncrement() % 40)),
            // 19 -> 13: the client row once (before: once per feature and again for names), the organization's
            // zone; completed and assigned per week, weekly targets, workout days, programs and schedules (rest
            // days); the next session with names; the caller's units, the newest measurement; the goal counts.
            new Budgeted("GET /api/clients/{id}/progress (admin)", 13,
                    f -> f.admin().as().get("/api/clients/" + f.clientIds().get(0) + "/progress")),
            // 29 -> 15: as above, with the trainer's visibility (client, trainer behind the login, assignment)
            // decided once, and the client's login read once for their zone (before: twice).
            new Budgeted("GET /api/clients/{id}/progress (trainer)", 15, f -> f.trainer().session().as()
                    .get("/api/clients/" + f.trainerClient().id() + "/progress")),
            // 21 -> 14: as for the admin, with the client's own login (zone) and their client record (scope).
            new Budgeted("GET /api/clients/{id}/progress (client)", 14, f -> f.trainerClient().session().as()
                    .get("/api/clients/" + f.trainerClient().id() + "/progress")),
            // 4 (billing, issue 10): the count, the page, the clients' names, the packages the payments bought.
            new Budgeted("GET /api/payments (admin)", 4, f -> f.admin().as().get("/api/payments?per_page=25")),
            // 6: as above, plus the trainer behind the login and their clients (the scope).
            new Budgeted("GET /api/payments (trainer)", 6, f -> f.trainer().session().as().get("/api/payments")),
            // 6: the organization's zone and currency; totals, pending, by type, by month (read-model cache off).
            new Budgeted("GET /payments/revenue/dashboard (admin)", 6,
                    f -> f.admin().as().get("/payments/revenue/dashboard")),
            // 7: as above, plus the trainer behind the login (their clients are a subquery, not a list).
            new Budgeted("GET /payments/revenue/dashboard (trainer)", 7,
                    f -> f.trainer().session().as().get("/payments/revenue/dashboard")),
            // 6: zone and currency; by method, by type, the top clients and their names.
            new Budgeted("GET /payments/revenue/report (admin)", 6,
                    f -> f.admin().as().get("/payments/revenue/report")),
            // 7: the client (visibility and name), the currency, the aggregate, the packages, the newest payments
            // with their names and packages.
            new Budgeted("GET /api/payments/client/{id}/summary (admin)", 7,
                    f -> f.admin().as().get("/api/payments/client/" + f.clientIds().get(0) + "/summary")),
            // 11: the client, the product, the currency, the zone (settings, organization), the insert, the package
            // (checked, inserted), the activity row; the answer's name and package.
            new Budgeted("POST /api/payments (a package, admin)", 11, f -> {
                Response response = f.admin().as().body(Map.of("client_id", f.clientIds().get(SLOT.get() % CLIENTS),
                        "product_id", f.packageProductId(), "method", "cash")).post("/api/payments");
                response.then().statusCode(201);
                return response;
            }),
            // 3: the count, the page, the clients' names (an admin's scope needs no query).
            new Budgeted("GET /api/payments/reminders (admin)", 3,
                    f -> f.admin().as().get("/api/payments/reminders")),
            // 4: as above, with the trainer's clients as the scope.
            new Budgeted("GET /api/payments/reminders (trainer)", 4,
                    f -> f.trainer().session().as().get("/api/payments/reminders")),
            // 2: the client's visibility, the subscriptions (the names are read only when there are some).
            new Budgeted("GET /api/payments/client/{id}/subscriptions (admin)", 2, f -> f.admin().as()
                    .get("/api/payments/client/" + f.clientIds().get(0) + "/subscriptions")),
            // 2: the client's visibility, the invoices.
            new Budgeted("GET /api/payments/client/{id}/invoices (admin)", 2, f -> f.admin().as()
                    .get("/api/payments/client/" + f.clientIds().get(0) + "/invoices")),
            // 1: the organization's events (the admin check is the token's role).
            new Budgeted("GET /api/stripe/events (admin)", 1, f -> f.admin().as().get("/api/stripe/events")),
            // Wearable reads, each: the client's visibility, then one query on its table's (client_id, time) index.
            new Budgeted("GET /api/wearables/daily (admin, 30 days, 2 providers)", 2, f -> f.admin().as()
                    .queryParam("client_id", f.clientIds().get(0)).get("/api/wearables/daily")),
            new Budgeted("GET /api/wearables/heart-rate (admin, samples)", 2, f -> f.admin().as()
                    .queryParam("client_id", f.clientIds().get(0)).queryParam("include", "samples")
                    .get("/api/wearables/heart-rate")),
            new Budgeted("GET /api/wearables/sleep (admin)", 2, f -> f.admin().as()
                    .queryParam("client_id", f.clientIds().get(0)).get("/api/wearables/sleep")),
            new Budgeted("GET /api/wearables/workouts (admin, merged)", 2, f -> f.admin().as()
                    .queryParam("client_id", f.clientIds().get(0)).get("/api/wearables/workouts")),
            new Budgeted("GET /api/wearables/body (admin)", 2, f -> f.admin().as()
                    .queryParam("client_id", f.clientIds().get(0)).get("/api/wearables/body")),
            // 5: a trainer's visibility (their trainer record, the client, the assignment), the connections, their
            // job counts (one query for all of them).
            new Budgeted("GET /api/wearables/connections (trainer)", 5, f -> f.trainer().session().as()
                    .queryParam("client_id", f.trainerClient().id()).get("/api/wearables/connections")),
            // 3: the login's client record, its connections, their job counts.
            new Budgeted("GET /api/wearables/providers (client)", 3, f -> f.trainerClient().session().as()
                    .get("/api/wearables/providers")),
            // 1: the providers with an active connection in the organization (an admin's scope needs no query).
            new Budgeted("GET /api/integrations/status (admin)", 1, f -> f.admin().as()
                    .get("/api/integrations/status")),
            // 3: the connection the notification names, the collapsing insert of its sync and, when a sync is
            // already pending, whether a worker holds it (then a follow-up is queued).
            new Budgeted("POST /api/webhooks/fitbit (a notification)", 3, f -> {
                byte[] body = com.fitnesscrm.support.wearables.FakeGoogleHealth.notification("hu-budget-"
                        + f.trainerClient().id(), "sleep").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                Response response = given().header("X-HEALTHAPI-SIGNATURE",
                        com.fitnesscrm.support.wearables.FakeWearablesResource.google().signature(body, true))
                        .body(body).post("/api/webhooks/fitbit");
                response.then().statusCode(204);
                return response;
            }),
            // 1: the event stored (or counted) in one statement; the work is done after the answer.
            new Budgeted("POST /api/stripe/webhook (a signed event)", 1, f -> signedEvent()),
            // 8: the payer's visibility, the account, the product, the currency; the pending payment; the customer
            // (known); the payment locked and given its intent id.
            new Budgeted("POST /api/stripe/create-payment-intent (staff)", 8, f -> {
                Response response = f.admin().as().body(Map.of("client_id", f.clientIds().get(1),
                        "product_id", f.packageProductId())).post("/api/stripe/create-payment-intent");
                response.then().statusCode(201);
                return response;
            }),
            // 15: as a payment, for a new client each time (so its customer is created and stored too), the
            // client's start lock and the live or waiting subscriptions checked, the product's Stripe price (known),
            // the subscription written, then Stripe's state applied and read back.
            new Budgeted("POST /api/stripe/create-subscription (staff)", 15, f -> {
                Response response = f.admin().as().body(Map.of("client_id",
                        f.clientIds().get(MEMBER.getAndIncrement() % CLIENTS), "product_id",
                        f.membershipProductId())).post("/api/stripe/create-subscription");
                response.then().statusCode(201);
                return response;
            }),
            // 6: the payer, the product, the account, the currency, the pending payment, its session id.
            new Budgeted("POST /api/stripe/checkout-session (a package, staff)", 6, f -> {
                Response response = f.admin().as().body(Map.of("client_id", f.clientIds().get(2),
                        "product_id", f.packageProductId())).post("/api/stripe/checkout-session");
                response.then().statusCode(201);
                return response;
            }));

    @Test
    void everyBenchmarkedRequestStaysWithinItsStatementBudget() {
        Fixture f = fixture();
        List<String> over = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Budgeted request : REQUESTS) {
            request.send().apply(f);
            // The second call is the steady state (first-call work such as a lazily created row is not budgeted).
            Response response = request.send().apply(f);
            assertTrue(response.statusCode() < 300, request.name() + " answered " + response.statusCode());
            String header = response.header(StatementCountHeader.HEADER);
            if (header == null) {
                fail(request.name() + " has no " + StatementCountHeader.HEADER + " header");
            }
            int count = Integer.parseInt(header);
            report.append(String.format("%-50s %3d statements (budget %d)%n", request.name(), count, request.budget()));
            if (count > request.budget()) {
                over.add(request.name() + ": " + count + " > " + request.budget());
            }
        }
        System.out.println("Statement counts per request:\n" + report);
        assertTrue(over.isEmpty(), "over budget: " + over + "\n" + report);
    }

    @Test
    void aRepeatedRequestReusesItsQueryPlans() {
        Fixture f = fixture();
        Statistics statistics = sessionFactory.getStatistics();
        for (Budgeted request : REQUESTS) {
            request.send().apply(f);
        }
        StringBuilder report = new StringBuilder();
        List<String> misses = new ArrayList<>();
        for (Budgeted request : REQUESTS) {
            long missesBefore = statistics.getQueryPlanCacheMissCount();
            long hitsBefore = statistics.getQueryPlanCacheHitCount();
            request.send().apply(f);
            long missed = statistics.getQueryPlanCacheMissCount() - missesBefore;
            long hit = statistics.getQueryPlanCacheHitCount() - hitsBefore;
            report.append(String.format("%-50s plan cache: %3d hits, %d misses%n", request.name(), hit, missed));
            if (missed > 0) {
                misses.add(request.name() + ": " + missed);
            }
        }
        System.out.println("Query plan cache per repeated request:\n" + report);
        assertTrue(misses.isEmpty(), "query plans interpreted again on a repeated request: " + misses + "\n" + report);
    }
}
