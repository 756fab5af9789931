package com.fitnesscrm.wearables;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.wearables.FakeGoogleHealth;
import com.fitnesscrm.support.wearables.FakeStrava;
import com.fitnesscrm.wearables.provider.DataType;
import com.fitnesscrm.wearables.service.SyncQueue;
import com.fitnesscrm.wearables.service.SyncWorker;
import com.fitnesscrm.wearables.service.TokenVault;
import com.fitnesscrm.wearables.domain.WearableConnection;
import com.fitnesscrm.wearables.provider.WearableProvider;
import com.fitnesscrm.wearables.service.ProviderRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static com.fitnesscrm.wearables.Wearables.assertRows;
import static com.fitnesscrm.wearables.Wearables.callback;
import static com.fitnesscrm.wearables.Wearables.connectFitbit;
import static com.fitnesscrm.wearables.Wearables.connectStrava;
import static com.fitnesscrm.wearables.Wearables.connectUrl;
import static com.fitnesscrm.wearables.Wearables.connectionId;
import static com.fitnesscrm.wearables.Wearables.count;
import static com.fitnesscrm.wearables.Wearables.exec;
import static com.fitnesscrm.wearables.Wearables.google;
import static com.fitnesscrm.wearables.Wearables.strava;
import static com.fitnesscrm.wearables.Wearables.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wearables end to end against the local Google Health and Strava: connecting (PKCE, signed single-use state), the
 * 90-day backfill and its idempotence, refreshes one at a time, 429 storms, the Google Health webhook (verification,
 * signatures, hints only), Strava events (update, delete, deauthorization), the merged view and who may read what.
 */
@QuarkusTest
class WearablesTest {

    static final Duration DRAIN = Duration.ofSeconds(60);

    @Inject
    SyncWorker worker;

    @Inject
    SyncQueue queue;

    @Inject
    TokenVault tokens;

    @Inject
    ProviderRegistry providers;

    @BeforeEach
    @AfterEach
    void reset() {
        google().reset();
        strava().reset();
        exec("delete from wearable_provider_pauses");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The days the backfill covers: the last 90 days and today. */
    static long backfillDays(java.util.function.LongPredicate dayHas) {
        return IntStream.rangeClosed(0, 90).mapToObj(i -> today().minusDays(i))
                .filter(d -> dayHas.test(d.toEpochDay())).count();
    }

    @Test
    void connectingUsesPkceAndASingleUseStateAndStoresTokensEncrypted() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        String url = connectUrl(client.session(), "fitbit");
        Map<String, String> q = com.fitnesscrm.support.wearables.FakeProviderServer.queryOf(url);
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("offline", q.get("access_type"));
        assertEquals("consent", q.get("prompt"));
        assertTrue(q.get("scope").contains("googlehealth.sleep.readonly"));
        assertEquals("http://localhost:8081/api/wearables/fitbit/callback".replace("8081",
                q.get("redirect_uri").replaceAll(".*:(\\d+)/.*", "$1")), q.get("redirect_uri"));

        String user = google().newUser();
        Map<String, String> redirect = google().approve(url, user, FakeGoogleHealth.ALL_SCOPES);
        callback("fitbit", redirect).then().statusCode(303)
                .header("Location", containsString("/client.html?wearable=fitbit&status=connected"));
        long connection = connectionId(client.id(), "fitbit");
        String sealed = text("select access_token_ciphertext from wearable_connections where id = ?1", connection);
        assertTrue(sealed.startsWith("v2:"), "tokens are sealed");
        assertFalse(sealed.contains("ya29."), "no plaintext token at rest");
        assertEquals(google().legacyIdOf(user),
                text("select legacy_user_id from wearable_connections where id = ?1", connection));

        // The same state again (a replay): refused, nothing exchanged.
        long exchanges = google().count("/token");
        callback("fitbit", redirect).then().statusCode(303)
                .header("Location", containsString("status=error&reason=invalid_state"));
        assertEquals(exchanges, google().count("/token"));

        // A state made for Strava on Fitbit's callback: refused, and spent.
        Api.Person other = Api.client(admin);
        String stravaUrl = connectUrl(other.session(), "strava");
        Map<String, String> stravaRedirect = strava().approve(stravaUrl, strava().newAthlete(), "read,activity:read");
        callback("fitbit", Map.of("code", "x", "state", stravaRedirect.get("state"))).then().statusCode(303)
                .header("Location", containsString("reason=invalid_state"));
        callback("strava", stravaRedirect).then().statusCode(303)
                .header("Location", containsString("reason=invalid_state"));

        // An altered state: refused.
        String fresh = connectUrl(other.session(), "fitbit");
        Map<String, String> altered = new java.util.HashMap<>(google().approve(fresh, google().newUser(),
                FakeGoogleHealth.ALL_SCOPES));
        altered.put("state", altered.get("state") + "x");
        callback("fitbit", altered).then().statusCode(303).header("Location", containsString("reason=invalid_state"));

        // A code issued for another PKCE challenge (injected from another login): Google refuses our verifier.
        String ours = connectUrl(other.session(), "fitbit");
        String theirs = ours.replaceAll("code_challenge=[^&]+", "code_challenge=" + "A".repeat(43));
        Map<String, String> injected = new java.util.HashMap<>(google().approve(theirs, google().newUser(),
                FakeGoogleHealth.ALL_SCOPES));
        callback("fitbit", injected).then().statusCode(303)
                .header("Location", containsString("reason=exchange_failed"));
        assertEquals(0, count("select count(*) from wearable_connections where client_id = ?1", other.id()));

        // Staff do not connect devices; an unknown provider is a 404.
        admin.as().post("/api/wearables/fitbit/connect").then().statusCode(403).body("code", equalTo("forbidden"));
        client.session().as().post("/api/wearables/garmin-x/connect").then().statusCode(404);
    }

    @Test
    void theBackfillFetchesNinetyDaysAndASecondFullSyncAddsNothing() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        connectFitbit(client.session());
        Wearables.drain(worker, client.id(), DRAIN);

        long runs = backfillDays(e -> e % 3 == 0);
        long weighIns = backfillDays(e -> e % 7 == 0);
        assertRows(91, "wearable_daily", client.id());
        assertRows(91, "wearable_heart_rate", client.id());
        assertRows(91, "wearable_sleep", client.id());
        assertRows(runs, "wearable_workouts", client.id());
        assertRows(2 * weighIns, "wearable_body", client.id());
        JsonPath status = client.session().as().get("/api/wearables/connections").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(100, status.getInt("connections[0].backfill_percent"));
        assertEquals(91, status.getInt("connections[0].items_synced.daily"));
        assertEquals(runs, status.getLong("connections[0].items_synced.workouts"));
        assertNotNull(status.getString("connections[0].last_sync_at"));
        assertNotNull(status.getString("connections[0].next_sync_at"));
        assertEquals(0, status.getInt("connections[0].pending_jobs"));

        // The whole history again: every row already there, nothing written.
        long connection = connectionId(client.id(), "fitbit");
        long done = count("select count(*) from wearable_sync_jobs where connection_id = ?1 and status = 'done'",
                connection);
        QuarkusTransaction.requiringNew().run(() -> {
            WearableConnection c = WearableConnection.findById(connection);
            WearableProvider fitbit = providers.require("fitbit");
            exec("update wearable_sync_jobs set status = 'done' where connection_id = ?1", connection);
            exec("delete from wearable_sync_jobs where connection_id = ?1 and kind = 'backfill'", connection);
            queue.backfill(c, fitbit, EnumSet.allOf(DataType.class));
        });
        Wearables.drain(worker, client.id(), DRAIN);
        assertTrue(done > 0);
        assertEquals(0, count("select coalesce(sum(items), 0) from wearable_sync_jobs where connection_id = ?1"
                + " and kind = 'backfill'", connection), "a second full sync writes nothing");
        assertRows(91, "wearable_daily", client.id());
        assertRows(runs, "wearable_workouts", client.id());
        client.session().as().get("/api/wearables/connections").then()
                .body("connections[0].items_synced.daily", equalTo(91));

        // Reads: the client's own days, merged; a range in the past is empty.
        client.session().as().queryParam("from", today().minusDays(6).toString()).get("/api/wearables/daily")
                .then().statusCode(200).body("daily", hasSize(7)).body("daily[0].provider", equalTo("fitbit"))
                .body("daily[0].sources", equalTo(List.of("fitbit")));
        client.session().as().queryParam("from", today().minusDays(2).toString()).queryParam("include", "samples")
                .get("/api/wearables/heart-rate").then().statusCode(200).body("heart_rate", hasSize(3))
                .body("heart_rate[0].samples", hasSize(24)).body("heart_rate[0].resting_bpm", org.hamcrest.Matchers.notNullValue());
        client.session().as().queryParam("from", today().minusDays(2).toString()).get("/api/wearables/sleep")
                .then().statusCode(200).body("sleep[0].stages", hasSize(8));
        client.session().as().queryParam("from", today().minusDays(90).toString()).get("/api/wearables/body")
                .then().statusCode(200).body("body", hasSize((int) (2 * weighIns)));
    }

    @Test
    void onlyGrantedScopesAreSynced() {
        Api.Person client = Api.client(Api.registerOrganization());
        connectFitbit(client.session(), FakeGoogleHealth.SLEEP);
        Wearables.drain(worker, client.id(), DRAIN);
        assertRows(91, "wearable_sleep", client.id());
        assertRows(0, "wearable_daily", client.id());
        assertRows(0, "wearable_body", client.id());
        client.session().as().get("/api/wearables/connections").then()
                .body("connections[0].data_types", equalTo(List.of("sleep")));
    }

    @Test
    void concurrentRefreshesRunOneAtATimeAndKeepTheNewestRefreshToken() throws Exception {
        Api.Session admin = Api.registerOrganization();
        Api.Person fitbitClient = Api.client(admin);
        String user = connectFitbit(fitbitClient.session(), FakeGoogleHealth.SLEEP);
        Wearables.drain(worker, fitbitClient.id(), DRAIN);
        long fitbit = connectionId(fitbitClient.id(), "fitbit");
        String stale = QuarkusTransaction.requiringNew().call(() -> tokens.accessToken(WearableConnection.findById(fitbit)));
        google().expireAccessTokens(user);
        google().setRefreshDelay(300);
        List<String> got = race(8, () -> tokens.refreshed(fitbit, stale));
        assertEquals(1, google().refreshesOf(user), "one refresh for eight callers");
        assertEquals(1, google().maxConcurrentRefreshesOf(user));
        assertEquals(1, got.stream().distinct().count(), "every caller got the one new token");

        // Strava rotates refresh tokens: the second of two concurrent refreshes would spend a dead one.
        Api.Person stravaClient = Api.client(admin);
        long athlete = connectStrava(stravaClient.session());
        Wearables.drain(worker, stravaClient.id(), DRAIN);
        long connection = connectionId(stravaClient.id(), "strava");
        strava().expireAccessTokens(athlete);
        String before = QuarkusTransaction.requiringNew().call(() -> tokens.accessToken(WearableConnection.findById(connection)));
        List<String> fresh = race(8, () -> tokens.refreshed(connection, before));
        assertEquals(1, strava().refreshesOf(athlete));
        assertEquals(1, fresh.stream().distinct().count());
        // The stored refresh token is the rotated one: the next refresh works.
        strava().expireAccessTokens(athlete);
        tokens.refreshed(connection, fresh.get(0));
        assertEquals(2, strava().refreshesOf(athlete));
        assertEquals("active", text("select status from wearable_connections where id = ?1", connection));
    }

    static List<String> race(int callers, Callable<String> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(call));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRateLimitStormSlowsTheSyncButLosesNothing() {
        Api.Person client = Api.client(Api.registerOrganization());
        connectFitbit(client.session());
        google().storm(25);
        Wearables.drain(worker, client.id(), Duration.ofSeconds(120));
        assertRows(91, "wearable_daily", client.id());
        assertRows(91, "wearable_sleep", client.id());
        assertRows(backfillDays(e -> e % 3 == 0), "wearable_workouts", client.id());
        assertEquals(25, google().rateLimited(), "the whole storm was met");
        assertEquals(0, count("select count(*) from wearable_sync_jobs j join wearable_connections c on c.id ="
                + " j.connection_id where c.client_id = ?1 and j.status = 'failed'", client.id()),
                "no job given up");
    }

    @Test
    void stravaRateLimitsPauseTheQueueBeforeA429AndItResumesInTheNextWindow() {
        Api.Session admin = Api.registerOrganization();
        strava().setReadLimits(3, 1000);
        List<Api.Person> athletes = new ArrayList<>();
        // The queue held while connecting, so the five backfills meet the limit together.
        exec("insert into wearable_provider_pauses (provider, paused_until) values ('strava', now() + interval '1 hour')");
        for (int i = 0; i < 5; i++) {
            Api.Person p = Api.client(admin);
            connectStrava(p.session());
            athletes.add(p);
        }
        exec("delete from wearable_provider_pauses");
        for (int i = 0; i < 10 && strava().readsThisWindow() < 3; i++) {
            worker.drain();
        }
        worker.drain();
        // The usage header of the third read pauses the queue; only a read already in flight on another worker
        // can meet a 429 (workers run jobs side by side).
        assertTrue(strava().readsThisWindow() <= 4, "the queue paused itself: " + strava().readsThisWindow());
        assertTrue(strava().rejected() <= 1, "no run into 429s: " + strava().rejected());
        String until = text("select paused_until from wearable_provider_pauses where provider = 'strava'");
        assertNotNull(until, "Strava paused until its next 15-minute window");
        long pending = athletes.stream().mapToLong(p -> Wearables.pending(p.id())).sum();
        assertTrue(pending >= 2, "the rest wait for the next window: " + pending);
        athletes.get(4).session().as().get("/api/wearables/connections").then()
                .body("connections[0].backfill_percent", org.hamcrest.Matchers.lessThanOrEqualTo(100));
        // The window turns (here: the fake's, and the pause as if its time had come).
        strava().nextWindow();
        exec("update wearable_provider_pauses set paused_until = now() - interval '1 second'");
        for (Api.Person p : athletes) {
            Wearables.drain(worker, p.id(), DRAIN);
        }
        for (Api.Person p : athletes) {
            p.session().as().get("/api/wearables/connections").then().body("connections[0].backfill_percent", equalTo(100));
        }
    }

    @Test
    void providerOutagesAreRetriedWithBackoffAndTheStatusShowsTheError() {
        Api.Person client = Api.client(Api.registerOrganization());
        connectFitbit(client.session(), FakeGoogleHealth.SLEEP);
        Wearables.drain(worker, client.id(), DRAIN);
        // Enough 503s to outlast one job's in-call retries (four tries) twice over: the manual sync's one job.
        google().failNext(8);
        client.session().as().post("/api/wearables/fitbit/sync").then().statusCode(200).body("queued", equalTo(1));
        Instant deadline = Instant.now().plusSeconds(20);
        String error = null;
        while (error == null && Instant.now().isBefore(deadline)) {
            worker.drain();
            error = client.session().as().get("/api/wearables/connections").then().extract().jsonPath()
                    .getString("connections[0].last_error");
        }
        assertNotNull(error, "the status shows the failure");
        assertTrue(error.contains("503"), error);
        Wearables.drain(worker, client.id(), DRAIN);
        assertEquals(1, count("select count(*) from wearable_sync_jobs j join wearable_connections c on c.id ="
                + " j.connection_id where c.client_id = ?1 and j.kind = 'manual' and j.status = 'done'"
                + " and j.attempts >= 2", client.id()), "retried, then done");
        assertRows(91, "wearable_sleep", client.id());
        client.session().as().get("/api/wearables/connections").then().body("connections[0].last_error", nullValue());
    }

    @Test
    void theDailySyncQueuesEachDueConnectionOnce() {
        Api.Person client = Api.client(Api.registerOrganization());
        connectFitbit(client.session(), FakeGoogleHealth.SLEEP + " " + FakeGoogleHealth.METRICS);
        Wearables.drain(worker, client.id(), DRAIN);
        long connection = connectionId(client.id(), "fitbit");
        exec("update wearable_connections set next_sync_at = now() - interval '1 minute' where id = ?1", connection);
        exec("insert into wearable_provider_pauses (provider, paused_until) values ('fitbit', now() + interval '1 hour')");
        worker.queueDailySyncs();
        worker.queueDailySyncs();
        assertEquals(3, count("select count(*) from wearable_sync_jobs where connection_id = ?1 and kind = 'daily'",
                connection), "sleep, body and heart rate, once");
        assertTrue(Instant.parse(text("select to_char(next_sync_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " from wearable_connections where id = ?1", connection)).isAfter(Instant.now().plus(Duration.ofHours(23))));
        exec("delete from wearable_provider_pauses");
        Wearables.drain(worker, client.id(), DRAIN);
    }

    @Test
    void aRevokedGrantMarksTheConnectionAndEmailsTheClient() {
        Api.Person client = Api.client(Api.registerOrganization());
        String user = connectFitbit(client.session(), FakeGoogleHealth.SLEEP);
        Wearables.drain(worker, client.id(), DRAIN);
        google().revokeGrant(user);
        client.session().as().post("/api/wearables/fitbit/sync").then().statusCode(200).body("queued", equalTo(1));
        Wearables.drain(worker, client.id(), DRAIN);
        client.session().as().get("/api/wearables/connections").then()
                .body("connections[0].status", equalTo("needs_reconnect"))
                .body("connections[0].needs_reconnect", equalTo(true))
                .body("connections[0].last_error", containsString("Reconnect needed"));
        assertEquals(null, text("select refresh_token_ciphertext from wearable_connections where client_id = ?1",
                client.id()));
        // Queued in the outbox with the mark (the outbox's own tests cover delivery; in a full run it may be working
        // through other tests' mail for a while).
        assertEquals(1, count("select count(*) from email_outbox where to_address = ?1 and subject = ?2",
                client.session().email(), "Reconnect your Fitbit"));
        String text = text("select text_body from email_outbox where to_address = ?1 and subject = ?2",
                client.session().email(), "Reconnect your Fitbit");
        assertTrue(text.contains("Connect it again"), text);
    }

    @Test
    void googleHealthSubscriberVerificationAndNotifications() {
        String verification = "{\"type\":\"verification\"}";
        given().header("Authorization", FakeGoogleHealth.WEBHOOK_SECRET).body(verification)
                .post("/api/webhooks/fitbit").then().statusCode(201);
        given().body(verification).post("/api/webhooks/fitbit").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").body(verification).post("/api/webhooks/fitbit").then()
                .statusCode(401);

        Api.Person client = Api.client(Api.registerOrganization());
        String user = connectFitbit(client.session());
        Wearables.drain(worker, client.id(), DRAIN);
        long connection = connectionId(client.id(), "fitbit");
        google().clearSeen();

        byte[] body = FakeGoogleHealth.notification(user, "exercise").getBytes(StandardCharsets.UTF_8);
        // A bad signature, or none: refused, nothing queued.
        given().header("X-HEALTHAPI-SIGNATURE", google().signature("other".getBytes(), false)).body(body)
                .post("/api/webhooks/fitbit").then().statusCode(401);
        given().body(body).post("/api/webhooks/fitbit").then().statusCode(401);
        assertEquals(0, count("select count(*) from wearable_sync_jobs where connection_id = ?1 and kind = 'webhook'",
                connection));

        // A flood for one user while the queue is held: one pending sync.
        exec("insert into wearable_provider_pauses (provider, paused_until) values ('fitbit', now() + interval '1 hour')");
        for (int i = 0; i < 20; i++) {
            given().header("X-HEALTHAPI-SIGNATURE", google().signature(body, i % 2 == 0)).body(body)
                    .post("/api/webhooks/fitbit").then().statusCode(204);
        }
        assertEquals(1, count("select count(*) from wearable_sync_jobs where connection_id = ?1 and kind = 'webhook'"
                + " and status = 'pending'", connection));
        assertEquals(0, google().seen().size(), "nothing fetched while answering");

        // An unknown user: answered, ignored.
        byte[] stranger = FakeGoogleHealth.notification("hu-nobody", "sleep").getBytes(StandardCharsets.UTF_8);
        given().header("X-HEALTHAPI-SIGNATURE", google().signature(stranger, true)).body(stranger)
                .post("/api/webhooks/fitbit").then().statusCode(204);

        // The hint triggers a fetch of that type with the user's own token; nothing else is read.
        google().addExercise(user, new FakeGoogleHealth.Exercise("77001", "WALKING",
                Instant.now().minusSeconds(7200), Instant.now().minusSeconds(5400), 2400, 130, 101));
        exec("delete from wearable_provider_pauses");
        Wearables.drain(worker, client.id(), DRAIN);
        assertTrue(google().count("/dataTypes/exercise/") >= 1);
        assertEquals(0, google().count("/dataTypes/sleep/"));
        client.session().as().queryParam("provider", "fitbit").get("/api/wearables/workouts").then()
                .body("workouts.activity_type", hasItems("walk"));
        given().body("not json").post("/api/webhooks/fitbit").then().statusCode(400).body("code", equalTo("invalid_json"));
    }

    @Test
    void aHintArrivingWhileItsSyncIsBeingWorkedIsFollowedUp() {
        Api.Person client = Api.client(Api.registerOrganization());
        String user = connectFitbit(client.session(), FakeGoogleHealth.SLEEP);
        Wearables.drain(worker, client.id(), DRAIN);
        long connection = connectionId(client.id(), "fitbit");
        byte[] body = FakeGoogleHealth.notification(user, "sleep").getBytes(StandardCharsets.UTF_8);
        exec("insert into wearable_provider_pauses (provider, paused_until) values ('fitbit', now() + interval '1 hour')");
        given().header("X-HEALTHAPI-SIGNATURE", google().signature(body, false)).body(body)
                .post("/api/webhooks/fitbit").then().statusCode(204);
        // A worker holds the pending job (as while it fetches): the next hint becomes one follow-up.
        QuarkusTransaction.requiringNew().run(() -> {
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager().createNativeQuery("select id from"
                            + " wearable_sync_jobs where connection_id = ?1 and kind = 'webhook' for update")
                    .setParameter(1, connection).getResultList();
            for (int i = 0; i < 3; i++) {
                given().header("X-HEALTHAPI-SIGNATURE", google().signature(body, true)).body(body)
                        .post("/api/webhooks/fitbit").then().statusCode(204);
            }
        });
        assertEquals(2, count("select count(*) from wearable_sync_jobs where connection_id = ?1 and kind = 'webhook'"
                + " and status = 'pending'", connection));
        assertEquals(1, count("select count(*) from wearable_sync_jobs where connection_id = ?1 and follow_up",
                connection));
        // Nobody on it: collapsed into the pending ones.
        given().header("X-HEALTHAPI-SIGNATURE", google().signature(body, true)).body(body)
                .post("/api/webhooks/fitbit").then().statusCode(204);
        assertEquals(2, count("select count(*) from wearable_sync_jobs where connection_id = ?1 and kind = 'webhook'"
                + " and status = 'pending'", connection));
        exec("delete from wearable_provider_pauses");
        Wearables.drain(worker, client.id(), DRAIN);
    }

    @Test
    void stravaValidationEventsAndDeauthorization() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.challenge", "15f7d1a91c1f40f8a748fd134752feb3")
                .queryParam("hub.verify_token", FakeStrava.VERIFY_TOKEN).get("/api/webhooks/strava").then()
                .statusCode(200).body("'hub.challenge'", equalTo("15f7d1a91c1f40f8a748fd134752feb3"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.challenge", "abc")
                .queryParam("hub.verify_token", "guess").get("/api/webhooks/strava").then().statusCode(403);

        Api.Person client = Api.client(Api.registerOrganization());
        long athlete = connectStrava(client.session());
        FakeStrava.Activity run = strava().addActivity(athlete, "Morning Run", "Run",
                Instant.now().minus(Duration.ofHours(60)), 1900, 5100, 148.0);
        FakeStrava.Activity ride = strava().addActivity(athlete, "Lunch Ride", "Ride",
                Instant.now().minus(Duration.ofDays(2)), 3600, 25000, null);
        Wearables.drain(worker, client.id(), DRAIN);
        // The backfill may have run before the activities were added: a manual sync (the last three days) has them.
        client.session().as().post("/api/wearables/sync").then().statusCode(200);
        Wearables.drain(worker, client.id(), DRAIN);
        JsonPath workouts = client.session().as().get("/api/wearables/workouts").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("run", "ride"), workouts.getList("workouts.activity_type"));
        assertEquals("LineString", workouts.getString("workouts[0].route.type"));
        assertEquals(-122.4194, workouts.getDouble("workouts[0].route.coordinates[0][0]"), 1e-5);
        assertEquals("America/Los_Angeles", workouts.getString("workouts[0].timezone"));

        strava().rename(athlete, run.id(), "Recovery Run");
        given().body(FakeStrava.event("activity", run.id(), "update", athlete, Map.of("title", "Recovery Run")))
                .post("/api/webhooks/strava").then().statusCode(200).body("status", equalTo("queued_activity_update"));
        strava().delete(athlete, ride.id());
        given().body(FakeStrava.event("activity", ride.id(), "delete", athlete, Map.of()))
                .post("/api/webhooks/strava").then().statusCode(200);
        Wearables.drain(worker, client.id(), DRAIN);
        client.session().as().get("/api/wearables/workouts").then().body("workouts", hasSize(1))
                .body("workouts[0].name", equalTo("Recovery Run"));

        // Unknown athletes are ignored; a forged deauthorization (Strava still accepts the token) changes nothing.
        given().body(FakeStrava.event("activity", 1, "create", 424242, Map.of())).post("/api/webhooks/strava")
                .then().statusCode(200).body("status", equalTo("ignored_unknown_athlete"));
        given().body(FakeStrava.event("athlete", athlete, "update", athlete, Map.of("authorized", "false")))
                .post("/api/webhooks/strava").then().statusCode(200);
        Wearables.drain(worker, client.id(), DRAIN);
        assertEquals(1, count("select count(*) from wearable_connections where client_id = ?1", client.id()));

        // The athlete revokes us on strava.com: the event, confirmed by Strava's 401, removes the tokens.
        strava().deauthorizeAthlete(athlete);
        given().body(FakeStrava.event("athlete", athlete, "update", athlete, Map.of("authorized", "false")))
                .post("/api/webhooks/strava").then().statusCode(200).body("status", equalTo("queued_deauthorization_check"));
        Wearables.drain(worker, client.id(), DRAIN);
        assertEquals(0, count("select count(*) from wearable_connections where client_id = ?1", client.id()));
        client.session().as().get("/api/wearables/workouts").then().body("workouts", hasSize(1));
    }

    @Test
    void theSameRunFromBothProvidersShowsOnceWithBothSources() {
        Api.Person client = Api.client(Api.registerOrganization());
        String user = connectFitbit(client.session(), FakeGoogleHealth.ACTIVITY);
        long athlete = connectStrava(client.session());
        Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(18, 0).toInstant(ZoneOffset.UTC);
        google().addExercise(user, new FakeGoogleHealth.Exercise("88001", "RUNNING", start.plusSeconds(60),
                start.plusSeconds(60 + 2400), 7950, 610, 155));
        strava().addActivity(athlete, "Evening 8k", "Run", start, 2520, 8012.5, 154.0);
        client.session().as().post("/api/wearables/sync").then().statusCode(200);
        Wearables.drain(worker, client.id(), DRAIN);

        JsonPath merged = client.session().as().queryParam("from", start.atZone(ZoneOffset.UTC).toLocalDate().toString())
                .queryParam("to", start.atZone(ZoneOffset.UTC).toLocalDate().toString())
                .get("/api/wearables/workouts").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> evening = merged.getList("workouts.findAll { it.start.startsWith('"
                + start.toString().substring(0, 13) + "') }");
        assertEquals(1, evening.size(), "one session: " + merged.prettify());
        assertEquals("strava", evening.get(0).get("provider"), "the GPS record wins");
        assertEquals(8012.5, ((Number) evening.get(0).get("distance_m")).doubleValue(), 0.01);
        // Strava's activity list carries no calories: the figure comes from Fitbit's record.
        assertEquals(610, ((Number) evening.get(0).get("calories")).intValue());
        assertEquals(154, ((Number) evening.get(0).get("average_heart_rate")).intValue(), "the winner's own figure");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sources = (List<Map<String, Object>>) evening.get(0).get("sources");
        assertEquals(Set.of("fitbit", "strava"), Set.copyOf(sources.stream().map(s -> s.get("provider")).toList()));
        // Each provider's own record is still there.
        client.session().as().queryParam("provider", "fitbit").queryParam("from", start.atZone(ZoneOffset.UTC).toLocalDate().toString())
                .get("/api/wearables/workouts").then().body("workouts.findAll { it.provider == 'fitbit' && it.activity_type == 'run' && it.start.startsWith('"
                        + start.toString().substring(0, 13) + "') }", hasSize(1));
        // Daily steps are never added up: Strava has none, and a day has one provider's figures.
        client.session().as().queryParam("from", today().minusDays(1).toString()).get("/api/wearables/daily")
                .then().body("daily[0].provider", equalTo("fitbit"));
    }

    @Test
    void onlyTheClientTheirTrainersAndAdminsSeeTheData() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        Api.Person trainer = Api.trainer(admin);
        Api.Person stranger = Api.trainer(admin);
        Api.Person otherClient = Api.client(admin);
        connectFitbit(client.session(), FakeGoogleHealth.SLEEP);
        Wearables.drain(worker, client.id(), DRAIN);
        admin.as().body(Map.of("trainer_id", trainer.id(), "client_id", client.id())).post("/api/crm/assign")
                .then().statusCode(201);

        String id = String.valueOf(client.id());
        admin.as().queryParam("client_id", id).get("/api/wearables/sleep").then().statusCode(200)
                .body("sleep.size()", org.hamcrest.Matchers.greaterThan(20));
        trainer.session().as().queryParam("client_id", id).get("/api/wearables/sleep").then().statusCode(200);
        trainer.session().as().queryParam("client_id", id).get("/api/wearables/connections").then().statusCode(200)
                .body("connections", hasSize(1));
        stranger.session().as().queryParam("client_id", id).get("/api/wearables/sleep").then().statusCode(404);
        otherClient.session().as().queryParam("client_id", id).get("/api/wearables/sleep").then().statusCode(404);
        otherClient.session().as().get("/api/wearables/sleep").then().statusCode(200).body("sleep", hasSize(0));
        Api.Session elsewhere = Api.registerOrganization();
        elsewhere.as().queryParam("client_id", id).get("/api/wearables/sleep").then().statusCode(404);
        elsewhere.as().queryParam("client_id", id).get("/api/wearables/connections").then().statusCode(404);
        admin.as().get("/api/wearables/sleep").then().statusCode(400).body("details[0].field", equalTo("client_id"));
        admin.as().queryParam("client_id", id).queryParam("from", "soon").get("/api/wearables/daily").then()
                .statusCode(400).body("details[0].field", equalTo("from"));
        admin.as().queryParam("client_id", "abc").get("/api/wearables/daily").then().statusCode(400);
        given().get("/api/wearables/daily").then().statusCode(401);
        // Disconnecting: the client's own; the tokens go, the data stays.
        otherClient.session().as().delete("/api/wearables/fitbit").then().statusCode(404);
        client.session().as().delete("/api/wearables/fitbit").then().statusCode(200)
                .body("revoked_at_provider", equalTo(true));
        assertEquals(0, count("select count(*) from wearable_connections where client_id = ?1", client.id()));
        admin.as().queryParam("client_id", id).get("/api/wearables/sleep").then().statusCode(200)
                .body("sleep.size()", org.hamcrest.Matchers.greaterThan(20));
    }

    @Test
    void providersAndIntegrationStatus() {
        Api.Session admin = Api.registerOrganization();
        Api.Person client = Api.client(admin);
        client.session().as().get("/api/wearables/providers").then().statusCode(200)
                .body("providers.id", equalTo(List.of("fitbit", "strava")))
                .body("providers[0].configured", equalTo(true)).body("providers[0].connection", nullValue());
        admin.as().get("/api/integrations/status").then().statusCode(200)
                .body("google_calendar.configured", equalTo(false)).body("zapier.connected", equalTo(false))
                .body("calendly.configured", equalTo(false)).body("zoom.connected", equalTo(false))
                .body("myfitnesspal.configured", equalTo(false))
                .body("fitbit.configured", equalTo(true)).body("fitbit.connected", equalTo(false));
        connectStrava(client.session());
        admin.as().get("/api/integrations/status").then().body("strava.connected", equalTo(true));
        client.session().as().get("/api/wearables/providers").then()
                .body("providers[1].connection.provider", equalTo("strava"))
                .body("providers[1].connection.status", equalTo("active"));
        given().get("/api/integrations/status").then().statusCode(401);
    }
}
