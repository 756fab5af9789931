package com.fitnesscrm.support.wearables;

import com.fitnesscrm.wearables.provider.Polyline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Strava (developers.strava.com: Authentication, API Reference, Rate Limits, Webhook Events API). OAuth with
 * the client secret on every token call; 6-hour access tokens; a refresh returns the same pair while the access
 * token has over an hour left, else a new pair, and the old refresh token stops working at once; deauthorize ends
 * every token of the athlete. Activities with sport_type, UTC and local start, time zone, summary polyline. App-wide
 * rate limits counted per window as Strava reports them (X-RateLimit-* and X-ReadRateLimit-*, "15-min,daily") with a
 * 429 over either; tests open the next window with {@link #nextWindow()}.
 */
public final class FakeStrava extends FakeProviderServer {

    public static final String CLIENT_ID = "123456";
    public static final String CLIENT_SECRET = "strava-test-secret";
    public static final String VERIFY_TOKEN = "strava-verify-token";

    /** An activity as Strava stores it. */
    public record Activity(long id, long athlete, String name, String sportType, Instant start, int elapsed,
                           int moving, double distance, Double avgHr, Double maxHr, double elevation,
                           List<double[]> route) {
    }

    record Token(long athlete, String access, String refresh, Instant expiresAt) {
    }

    private final Map<Long, List<Activity>> activities = new ConcurrentHashMap<>();
    private final Map<String, Long> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> byAccess = new ConcurrentHashMap<>();
    private final Map<String, Token> byRefresh = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(9_000_000_000L);
    private final AtomicInteger reads15 = new AtomicInteger();
    private final AtomicInteger readsDay = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    volatile int readLimit15 = 100;
    volatile int readLimitDay = 1000;
    private final Map<Long, AtomicInteger> refreshes = new ConcurrentHashMap<>();

    public long newAthlete() {
        long id = ids.incrementAndGet() % 100_000_000L + 1_000_000L;
        activities.put(id, new CopyOnWriteArrayList<>());
        return id;
    }

    public Activity addActivity(long athlete, String name, String sportType, Instant start, int elapsedSeconds,
                                double meters, Double avgHr) {
        List<double[]> route = List.of(new double[]{-122.4194, 37.7749}, new double[]{-122.4180, 37.7760},
                new double[]{-122.4165, 37.7772});
        Activity a = new Activity(ids.incrementAndGet(), athlete, name, sportType, start, elapsedSeconds,
                elapsedSeconds - 40, meters, avgHr, avgHr == null ? null : avgHr + 20, 31.5, route);
        activities.get(athlete).add(a);
        return a;
    }

    public void rename(long athlete, long activityId, String name) {
        List<Activity> list = activities.get(athlete);
        list.replaceAll(a -> a.id() == activityId ? new Activity(a.id(), a.athlete(), name, a.sportType(), a.start(),
                a.elapsed(), a.moving(), a.distance(), a.avgHr(), a.maxHr(), a.elevation(), a.route()) : a);
    }

    public void delete(long athlete, long activityId) {
        activities.get(athlete).removeIf(a -> a.id() == activityId);
    }

    /** The athlete revokes us on strava.com: every token stops working. */
    public void deauthorizeAthlete(long athlete) {
        byAccess.values().removeIf(t -> t.athlete() == athlete);
        byRefresh.values().removeIf(t -> t.athlete() == athlete);
    }

    public void expireAccessTokens(long athlete) {
        byAccess.replaceAll((k, t) -> t.athlete() == athlete ? new Token(t.athlete(), t.access(), t.refresh(),
                Instant.now().minusSeconds(1)) : t);
        byRefresh.replaceAll((k, t) -> t.athlete() == athlete ? new Token(t.athlete(), t.access(), t.refresh(),
                Instant.now().minusSeconds(1)) : t);
    }

    public int refreshesOf(long athlete) {
        return refreshes.getOrDefault(athlete, new AtomicInteger()).get();
    }

    /** Plays the athlete at Strava's consent page: the redirect's query (code, scope, state). */
    public Map<String, String> approve(String authorizationUrl, long athlete, String scope) {
        Map<String, String> q = queryOf(authorizationUrl);
        if (!authorizationUrl.startsWith(url() + "/oauth/authorize?") || !CLIENT_ID.equals(q.get("client_id"))
                || !"code".equals(q.get("response_type")) || q.get("state") == null) {
            throw new AssertionError("Not the authorization request Strava expects: " + authorizationUrl);
        }
        String code = UUID.randomUUID().toString().replace("-", "");
        codes.put(code, athlete);
        Map<String, String> redirect = new LinkedHashMap<>();
        redirect.put("state", q.get("state"));
        redirect.put("code", code);
        redirect.put("scope", scope);
        return redirect;
    }

    public void setReadLimits(int per15, int perDay) {
        readLimit15 = per15;
        readLimitDay = perDay;
    }

    /** A new 15-minute window starts (the daily count goes on). */
    public void nextWindow() {
        reads15.set(0);
    }

    public int readsThisWindow() {
        return reads15.get();
    }

    /** Requests answered 429. */
    public int rejected() {
        return rejected.get();
    }

    public void reset() {
        reads15.set(0);
        readsDay.set(0);
        rejected.set(0);
        readLimit15 = 100;
        readLimitDay = 1000;
        latencyMillis = 0;
        clearSeen();
    }

    /** A webhook event as Strava posts it. */
    public static String event(String objectType, long objectId, String aspect, long owner, Map<String, String> updates) {
        try {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("aspect_type", aspect);
            e.put("event_time", Instant.now().getEpochSecond());
            e.put("object_id", objectId);
            e.put("object_type", objectType);
            e.put("owner_id", owner);
            e.put("subscription_id", 120475);
            e.put("updates", updates);
            return JSON.writeValueAsString(e);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    Answer handle(String method, String path, Map<String, String> query, Map<String, String> form, String body,
                  String bearer) {
        if (path.equals("/oauth/token") && method.equals("POST")) {
            return token(form);
        }
        if (path.equals("/oauth/authorize") && method.equals("GET")) {
            // The consent page over HTTP (the frontend contract plays the browser): a new athlete with two recent
            // activities accepts, and the browser is sent back with the code.
            long athlete = newAthlete();
            addActivity(athlete, "Morning Run", "Run", Instant.now().minusSeconds(2 * 86400), 1900, 5100, 148.0);
            addActivity(athlete, "Lunch Ride", "Ride", Instant.now().minusSeconds(86400), 3600, 25000, null);
            String url = url() + path + "?" + encode(query);
            Map<String, String> redirect = approve(url, athlete, query.getOrDefault("scope", "read"));
            return redirect(query.get("redirect_uri"), redirect);
        }
        if (path.equals("/oauth/deauthorize") && method.equals("POST")) {
            Token t = byAccess.get(query.getOrDefault("access_token", ""));
            if (t == null) {
                return Answer.json(401, fault("Authorization Error", "access_token", "invalid"));
            }
            deauthorizeAthlete(t.athlete());
            return Answer.json(200, Map.of("access_token", t.access()));
        }
        if (!path.startsWith("/api/v3/")) {
            return Answer.json(404, Map.of("message", "Record Not Found"));
        }
        Token t = bearer == null ? null : byAccess.get(bearer);
        if (t == null || t.expiresAt().isBefore(Instant.now())) {
            return Answer.json(401, fault("Authorization Error", "access_token", "invalid"));
        }
        int u15 = reads15.incrementAndGet();
        int uDay = readsDay.incrementAndGet();
        if (u15 > readLimit15 || uDay > readLimitDay) {
            rejected.incrementAndGet();
            return limits(Answer.json(429, Map.of("message", "Rate Limit Exceeded", "errors", List.of(
                    Map.of("resource", "Application", "field", "rate limit", "code", "exceeded")))), u15, uDay);
        }
        return limits(read(path, query, t), u15, uDay);
    }

    private Answer limits(Answer a, int u15, int uDay) {
        return a.header("X-RateLimit-Limit", (readLimit15 * 2) + "," + (readLimitDay * 2))
                .header("X-RateLimit-Usage", u15 + "," + uDay)
                .header("X-ReadRateLimit-Limit", readLimit15 + "," + readLimitDay)
                .header("X-ReadRateLimit-Usage", u15 + "," + uDay);
    }

    private Answer read(String path, Map<String, String> query, Token t) {
        if (path.equals("/api/v3/athlete")) {
            return Answer.json(200, Map.of("id", t.athlete(), "username", "athlete" + t.athlete(),
                    "firstname", "Test", "lastname", "Athlete"));
        }
        if (path.equals("/api/v3/athlete/activities")) {
            long after = Long.parseLong(query.getOrDefault("after", "0"));
            long before = Long.parseLong(query.getOrDefault("before", String.valueOf(Long.MAX_VALUE / 2)));
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            int perPage = Math.min(200, Integer.parseInt(query.getOrDefault("per_page", "30")));
            List<Activity> list = new ArrayList<>(activities.getOrDefault(t.athlete(), List.of()).stream()
                    .filter(a -> a.start().getEpochSecond() > after && a.start().getEpochSecond() < before).toList());
            list.sort(Comparator.comparing(Activity::start));
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = (page - 1) * perPage; i < Math.min(list.size(), page * perPage); i++) {
                out.add(summary(list.get(i), false));
            }
            return Answer.json(200, out);
        }
        if (path.startsWith("/api/v3/activities/")) {
            long id = Long.parseLong(path.substring("/api/v3/activities/".length()));
            return activities.getOrDefault(t.athlete(), List.of()).stream().filter(a -> a.id() == id).findFirst()
                    .map(a -> Answer.json(200, summary(a, true)))
                    .orElse(Answer.json(404, fault("Record Not Found", "id", "invalid")));
        }
        return Answer.json(404, Map.of("message", "Record Not Found"));
    }

    private static Map<String, Object> summary(Activity a, boolean detailed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("resource_state", detailed ? 3 : 2);
        m.put("athlete", Map.of("id", a.athlete(), "resource_state", 1));
        m.put("name", a.name());
        m.put("distance", a.distance());
        m.put("moving_time", a.moving());
        m.put("elapsed_time", a.elapsed());
        m.put("total_elevation_gain", a.elevation());
        m.put("type", a.sportType());
        m.put("sport_type", a.sportType());
        m.put("start_date", a.start().toString());
        m.put("start_date_local", a.start().minusSeconds(8 * 3600).toString());
        m.put("timezone", "(GMT-08:00) America/Los_Angeles");
        m.put("utc_offset", -28800.0);
        m.put("has_heartrate", a.avgHr() != null);
        m.put("average_heartrate", a.avgHr());
        m.put("max_heartrate", a.maxHr());
        m.put("manual", false);
        m.put("map", Map.of("id", "a" + a.id(), "summary_polyline", Polyline.encode(a.route()), "resource_state", 2));
        if (detailed) {
            m.put("calories", 402.0);
            m.put("device_name", "Garmin Forerunner 265");
        }
        return m;
    }

    private Answer token(Map<String, String> form) {
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Answer.json(401, fault("Authorization Error", "client_id", "invalid"));
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            Long athlete = codes.remove(String.valueOf(form.get("code")));
            if (athlete == null) {
                return Answer.json(400, fault("Bad Request", "code", "invalid"));
            }
            Map<String, Object> out = issue(athlete);
            out.put("athlete", Map.of("id", athlete, "username", "athlete" + athlete, "resource_state", 2));
            return Answer.json(200, out);
        }
        if ("refresh_token".equals(form.get("grant_type"))) {
            Token t = byRefresh.get(String.valueOf(form.get("refresh_token")));
            if (t == null) {
                return Answer.json(400, fault("Bad Request", "refresh_token", "invalid"));
            }
            refreshes.computeIfAbsent(t.athlete(), k -> new AtomicInteger()).incrementAndGet();
            if (t.expiresAt().isAfter(Instant.now().plusSeconds(3600))) {
                return Answer.json(200, body(t));
            }
            // A new pair: the old refresh token is invalid from now on.
            byRefresh.remove(t.refresh());
            byAccess.remove(t.access());
            return Answer.json(200, issue(t.athlete()));
        }
        return Answer.json(400, fault("Bad Request", "grant_type", "invalid"));
    }

    private Map<String, Object> issue(long athlete) {
        Token t = new Token(athlete, UUID.randomUUID().toString().replace("-", ""),
                UUID.randomUUID().toString().replace("-", ""), Instant.now().plusSeconds(21600));
        byAccess.put(t.access(), t);
        byRefresh.put(t.refresh(), t);
        return body(t);
    }

    private static Map<String, Object> body(Token t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token_type", "Bearer");
        out.put("expires_at", t.expiresAt().getEpochSecond());
        out.put("expires_in", Math.max(0, t.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()));
        out.put("refresh_token", t.refresh());
        out.put("access_token", t.access());
        return out;
    }

    private static Map<String, Object> fault(String message, String field, String code) {
        return Map.of("message", message, "errors", List.of(Map.of("resource", "Athlete", "field", field,
                "code", code)));
    }
}
