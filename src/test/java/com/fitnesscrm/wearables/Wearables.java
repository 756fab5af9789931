package com.fitnesscrm.wearables;

import com.fitnesscrm.support.Api;
import com.fitnesscrm.support.wearables.FakeGoogleHealth;
import com.fitnesscrm.support.wearables.FakeStrava;
import com.fitnesscrm.support.wearables.FakeWearablesResource;
import com.fitnesscrm.wearables.service.SyncWorker;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers for wearables: connecting through the fakes as the browser would, draining the queue, SQL checks. */
final class Wearables {

    private Wearables() {
    }

    static FakeGoogleHealth google() {
        return FakeWearablesResource.google();
    }

    static FakeStrava strava() {
        return FakeWearablesResource.strava();
    }

    /** The callback answer for a redirect query (no redirect followed). */
    static Response callback(String provider, Map<String, String> query) {
        return given().redirects().follow(false).queryParams(query).get("/api/wearables/" + provider + "/callback");
    }

    static String connectUrl(Api.Session client, String provider) {
        return client.as().post("/api/wearables/" + provider + "/connect").then().statusCode(200)
                .extract().jsonPath().getString("authorization_url");
    }

    /** Connects the client to a new Google Health user with every scope; the user's id. */
    static String connectFitbit(Api.Session client) {
        return connectFitbit(client, FakeGoogleHealth.ALL_SCOPES);
    }

    static String connectFitbit(Api.Session client, String scopes) {
        String user = google().newUser();
        String location = callback("fitbit", google().approve(connectUrl(client, "fitbit"), user, scopes))
                .then().statusCode(303).extract().header("Location");
        assertTrue(location.contains("wearable=fitbit&status=connected"), location);
        return user;
    }

    static long connectStrava(Api.Session client) {
        long athlete = strava().newAthlete();
        String location = callback("strava", strava().approve(connectUrl(client, "strava"), athlete,
                "read,activity:read_all")).then().statusCode(303).extract().header("Location");
        assertTrue(location.contains("wearable=strava&status=connected"), location);
        return athlete;
    }

    /** Works the queue until no job of the client is pending (paused jobs included: waits for their time). */
    static void drain(SyncWorker worker, long clientId, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (pending(clientId) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(pending(clientId) + " wearable jobs still pending for client " + clientId);
            }
            if (worker.drain() == 0) {
                sleep(200);
            }
        }
    }

    static long pending(long clientId) {
        return count("select count(*) from wearable_sync_jobs j join wearable_connections c on c.id = j.connection_id"
                + " where c.client_id = ?1 and j.status = 'pending'", clientId);
    }

    static long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = Panache.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    static String text(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = Panache.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            @SuppressWarnings("unchecked")
            List<Object> rows = q.getResultList();
            return rows.isEmpty() || rows.get(0) == null ? null : rows.get(0).toString();
        });
    }

    static void exec(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = Panache.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }

    static long connectionId(long clientId, String provider) {
        return count("select id from wearable_connections where client_id = ?1 and provider = ?2", clientId, provider);
    }

    static void assertRows(long expected, String table, long clientId) {
        assertEquals(expected, count("select count(*) from " + table + " where client_id = ?1", clientId), table);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
