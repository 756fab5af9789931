package com.fitnesscrm.support.wearables;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Google: OAuth 2.0 (authorization codes bound to a PKCE S256 challenge and a redirect URI, refresh tokens
 * that stay the same, revocation) and the Google Health API v4 as its discovery document gives it (dataPoints lists
 * with AIP-160 filters on each type's own time field, newest first, paged by pageToken, 25 a page for sleep and
 * exercise; dailyRollUp over at most 14 days for heart-rate zones, active minutes and calories; identity with the
 * legacy Fitbit id; int64 values as strings; 429 RESOURCE_EXHAUSTED over quota). Each user has 100 days of
 * generated data; tests add their own workouts. Webhook notifications are signed with an ECDSA P-256 key, optionally
 * in Tink's format (a 5-byte key-id prefix).
 */
public final class FakeGoogleHealth extends FakeProviderServer {

    public static final String CLIENT_ID = "fitnesscrm-test.apps.googleusercontent.com";
    public static final String CLIENT_SECRET = "GOCSPX-test-secret";
    public static final String WEBHOOK_SECRET = "Bearer fitbit-webhook-secret";
    public static final String ACTIVITY = "https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly";
    public static final String METRICS =
            "https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly";
    public static final String SLEEP = "https://www.googleapis.com/auth/googlehealth.sleep.readonly";
    public static final String ALL_SCOPES = ACTIVITY + " " + METRICS + " " + SLEEP;
    static final int HISTORY_DAYS = 100;

    /** A workout session as the fake serves it. */
    public record Exercise(String id, String type, Instant start, Instant end, double meters, double kcal, int avgHr) {
    }

    static final class User {
        final String healthUserId;
        final String legacyUserId;
        final List<Exercise> exercises = new CopyOnWriteArrayList<>();
        final AtomicInteger refreshes = new AtomicInteger();
        final AtomicInteger concurrentRefreshes = new AtomicInteger();
        volatile int maxConcurrentRefreshes;

        User(String healthUserId, String legacyUserId) {
            this.healthUserId = healthUserId;
            this.legacyUserId = legacyUserId;
        }
    }

    record Code(User user, String challenge, String redirectUri, String scopes) {
    }

    record Token(User user, String scopes, Instant expiresAt, String refreshToken) {
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Token> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger storm = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Map<String, AtomicInteger> perUserMinute = new ConcurrentHashMap<>();
    private final KeyPair signingKey;
    volatile int perUserPerMinute = 300;
    volatile long refreshDelayMillis;

    public FakeGoogleHealth() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            signingKey = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String apiBase() {
        return url() + "/v4";
    }

    /** The webhook verification key, as GOOGLE_HEALTH_WEBHOOK_PUBLIC_KEY takes it (base64 DER). */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(signingKey.getPublic().getEncoded());
    }

    public String signature(byte[] body, boolean tinkPrefix) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(signingKey.getPrivate());
            ecdsa.update(body);
            byte[] der = ecdsa.sign();
            if (!tinkPrefix) {
                return Base64.getEncoder().encodeToString(der);
            }
            byte[] out = new byte[der.length + 5];
            out[0] = 0x01;
            out[1] = 0x12;
            out[2] = 0x34;
            out[3] = 0x56;
            out[4] = 0x78;
            System.arraycopy(der, 0, out, 5, der.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A notification body (a JSON array) naming a user and a data type. */
    public static String notification(String healthUserId, String dataType) {
        return "[{\"data\":{\"version\":\"1\",\"clientProvidedSubscriptionName\":\"fitnesscrm\",\"healthUserId\":\""
                + healthUserId + "\",\"operation\":\"UPSERT\",\"dataType\":\"" + dataType + "\",\"intervals\":[]}}]";
    }

    /** A new Google account with a linked Fitbit. */
    public String newUser() {
        String id = "hu" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        users.put(id, new User(id, "FB" + id.substring(2, 8).toUpperCase()));
        return id;
    }

    public String legacyIdOf(String healthUserId) {
        return users.get(healthUserId).legacyUserId;
    }

    public void addExercise(String healthUserId, Exercise exercise) {
        users.get(healthUserId).exercises.add(exercise);
    }

    /**
     * Plays the browser at Google's consent page: checks what our authorization URL asks for and answers the
     * redirect's query (code, state, scope) for the scopes the user grants.
     */
    public Map<String, String> approve(String authorizationUrl, String healthUserId, String grantedScopes) {
        Map<String, String> q = queryOf(authorizationUrl);
        if (!authorizationUrl.startsWith(url() + "/o/oauth2/v2/auth?") || !CLIENT_ID.equals(q.get("client_id"))
                || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || !"offline".equals(q.get("access_type"))
                || !"consent".equals(q.get("prompt")) || !q.get("scope").contains(ACTIVITY)) {
            throw new AssertionError("Not the authorization request Google expects: " + authorizationUrl);
        }
        String code = "4/0A" + UUID.randomUUID();
        codes.put(code, new Code(users.get(healthUserId), q.get("code_challenge"), q.get("redirect_uri"),
                grantedScopes));
        Map<String, String> redirect = new LinkedHashMap<>();
        redirect.put("code", code);
        redirect.put("state", q.get("state"));
        redirect.put("scope", grantedScopes);
        return redirect;
    }

    /** The next {@code count} data requests answer 429 RESOURCE_EXHAUSTED (Retry-After: 1). */
    public void storm(int count) {
        storm.set(count);
    }

    /** Makes every access token of the user expire now (the next data call gets 401). */
    public void expireAccessTokens(String healthUserId) {
        accessTokens.replaceAll((k, t) -> t.user().healthUserId.equals(healthUserId)
                ? new Token(t.user(), t.scopes(), Instant.EPOCH, t.refreshToken()) : t);
    }

    /** Revokes the user's grant at Google (as from their Google account page): refresh gives invalid_grant. */
    public void revokeGrant(String healthUserId) {
        refreshTokens.forEach((k, t) -> {
            if (t.user().healthUserId.equals(healthUserId)) {
                revoked.add(k);
            }
        });
        accessTokens.forEach((k, t) -> {
            if (t.user().healthUserId.equals(healthUserId)) {
                revoked.add(k);
            }
        });
    }

    public int refreshesOf(String healthUserId) {
        return users.get(healthUserId).refreshes.get();
    }

    public int maxConcurrentRefreshesOf(String healthUserId) {
        return users.get(healthUserId).maxConcurrentRefreshes;
    }

    public boolean isRevoked(String token) {
        return revoked.contains(token);
    }

    public void setRefreshDelay(long millis) {
        refreshDelayMillis = millis;
    }

    public void setPerUserPerMinute(int limit) {
        perUserPerMinute = limit;
    }

    /** The next {@code count} data requests answer 503 UNAVAILABLE. */
    public void failNext(int count) {
        failures.set(count);
    }

    /** Requests answered 429. */
    public int rateLimited() {
        return rateLimited.get();
    }

    public void reset() {
        storm.set(0);
        failures.set(0);
        rateLimited.set(0);
        refreshDelayMillis = 0;
        perUserPerMinute = 300;
        latencyMillis = 0;
        clearSeen();
    }

    @Override
    Answer handle(String method, String path, Map<String, String> query, Map<String, String> form, String body,
                  String bearer) throws Exception {
        if (path.equals("/token") && method.equals("POST")) {
            return token(form);
        }
        if (path.equals("/o/oauth2/v2/auth") && method.equals("GET")) {
            // The consent page, for tests that play a browser over HTTP (the frontend contract): a new Google user
            // grants what was asked, and the browser is sent back with the code, as Google does.
            String url = url() + path + "?" + encode(query);
            Map<String, String> redirect = approve(url, newUser(), query.getOrDefault("scope", ""));
            return redirect(query.get("redirect_uri"), redirect);
        }
        if (path.equals("/revoke") && method.equals("POST")) {
            String token = query.getOrDefault("token", form.get("token"));
            Token t = token == null ? null : refreshTokens.getOrDefault(token, accessTokens.get(token));
            if (t == null) {
                return Answer.json(400, Map.of("error", "invalid_token"));
            }
            revokeGrant(t.user().healthUserId);
            return Answer.json(200, Map.of());
        }
        if (!path.startsWith("/v4/users/me/")) {
            return googleError(404, "NOT_FOUND", "No such method");
        }
        Token token = bearer == null ? null : accessTokens.get(bearer);
        if (token == null || revoked.contains(bearer) || token.expiresAt().isBefore(Instant.now())) {
            return googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
        }
        if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return googleError(503, "UNAVAILABLE", "The service is currently unavailable.");
        }
        if (storm.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            rateLimited.incrementAndGet();
            return googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).")
                    .header("Retry-After", "1");
        }
        String minuteKey = token.user().healthUserId + "@" + Instant.now().getEpochSecond() / 60;
        if (perUserMinute.computeIfAbsent(minuteKey, k -> new AtomicInteger()).incrementAndGet() > perUserPerMinute) {
            rateLimited.incrementAndGet();
            return googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests per user'");
        }
        User user = token.user();
        if (path.equals("/v4/users/me/identity")) {
            return Answer.json(200, Map.of("name", "users/me/identity", "healthUserId", user.healthUserId,
                    "legacyUserId", user.legacyUserId));
        }
        Matcher m = Pattern.compile("/v4/users/me/dataTypes/([a-z-]+)/dataPoints(:dailyRollUp)?").matcher(path);
        if (!m.matches()) {
            return googleError(404, "NOT_FOUND", "No such method");
        }
        String type = m.group(1);
        if (!scopeAllows(token.scopes(), type)) {
            return googleError(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.");
        }
        if (m.group(2) != null) {
            return dailyRollUp(user, type, JSON.readTree(body));
        }
        return list(user, type, query);
    }

    private static boolean scopeAllows(String scopes, String type) {
        String needed = switch (type) {
            case "sleep" -> SLEEP;
            case "weight", "body-fat", "daily-resting-heart-rate" -> METRICS;
            default -> ACTIVITY;
        };
        return (" " + scopes + " ").contains(" " + needed + " ");
    }

    private Answer token(Map<String, String> form) throws InterruptedException {
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Answer.json(401, Map.of("error", "invalid_client"));
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            Code code = codes.remove(String.valueOf(form.get("code")));
            if (code == null || !code.redirectUri().equals(form.get("redirect_uri"))
                    || form.get("code_verifier") == null || !code.challenge().equals(s256(form.get("code_verifier")))) {
                return Answer.json(400, Map.of("error", "invalid_grant", "error_description", "Bad code or verifier"));
            }
            String refresh = "1//0g" + UUID.randomUUID();
            Token base = new Token(code.user(), code.scopes(), null, refresh);
            refreshTokens.put(refresh, base);
            return Answer.json(200, issue(base, true));
        }
        if ("refresh_token".equals(form.get("grant_type"))) {
            String refresh = form.get("refresh_token");
            Token base = refresh == null ? null : refreshTokens.get(refresh);
            if (base == null || revoked.contains(refresh)) {
                return Answer.json(400, Map.of("error", "invalid_grant", "error_description",
                        "Token has been expired or revoked."));
            }
            User user = base.user();
            int now = user.concurrentRefreshes.incrementAndGet();
            user.maxConcurrentRefreshes = Math.max(user.maxConcurrentRefreshes, now);
            try {
                if (refreshDelayMillis > 0) {
                    Thread.sleep(refreshDelayMillis);
                }
                user.refreshes.incrementAndGet();
                return Answer.json(200, issue(base, false));
            } finally {
                user.concurrentRefreshes.decrementAndGet();
            }
        }
        return Answer.json(400, Map.of("error", "unsupported_grant_type"));
    }

    private Map<String, Object> issue(Token base, boolean withRefresh) {
        String access = "ya29." + UUID.randomUUID();
        accessTokens.put(access, new Token(base.user(), base.scopes(), Instant.now().plusSeconds(3599),
                base.refreshToken()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", access);
        out.put("expires_in", 3599);
        out.put("scope", base.scopes());
        out.put("token_type", "Bearer");
        if (withRefresh) {
            out.put("refresh_token", base.refreshToken());
        }
        return out;
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- data ----

    private static final Pattern FILTER = Pattern.compile(
            "([a-z_.]+) >= \"([^\"]+)\" AND ([a-z_.]+) < \"([^\"]+)\"");

    private Answer list(User user, String type, Map<String, String> query) {
        Matcher f = FILTER.matcher(query.getOrDefault("filter", ""));
        String expectedField = switch (type) {
            case "heart-rate" -> "heart_rate.sample_time.physical_time";
            case "weight" -> "weight.sample_time.physical_time";
            case "body-fat" -> "body_fat.sample_time.physical_time";
            case "daily-resting-heart-rate" -> "daily_resting_heart_rate.date";
            case "sleep" -> "sleep.interval.end_time";
            case "exercise" -> "exercise.interval.civil_start_time";
            default -> type.replace('-', '_') + ".interval.start_time";
        };
        if (!f.matches() || !f.group(1).equals(expectedField) || !f.group(3).equals(expectedField)) {
            return googleError(400, "INVALID_ARGUMENT", "INVALID_DATA_POINT_FILTER: " + query.get("filter"));
        }
        int max = type.equals("sleep") || type.equals("exercise") ? 25 : 10_000;
        int pageSize = Math.min(max, Integer.parseInt(query.getOrDefault("pageSize", String.valueOf(max))));
        List<Map<String, Object>> points = new ArrayList<>();
        List<Instant> keys = new ArrayList<>();
        for (LocalDate day : history()) {
            for (Object[] p : pointsOf(user, type, day)) {
                Instant at = (Instant) p[0];
                String filterValue = switch (type) {
                    case "daily-resting-heart-rate" -> day.toString();
                    case "exercise" -> LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
                    default -> at.toString();
                };
                if (between(filterValue, f.group(2), f.group(4), type)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> point = (Map<String, Object>) p[1];
                    points.add(point);
                    keys.add(at);
                }
            }
        }
        // Newest first, as Google orders them.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(keys::get, Comparator.reverseOrder()));
        int offset = Integer.parseInt(query.getOrDefault("pageToken", "0"));
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(order.size(), offset + pageSize); i++) {
            page.add(points.get(order.get(i)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataPoints", page);
        if (offset + pageSize < order.size()) {
            out.put("nextPageToken", String.valueOf(offset + pageSize));
        }
        return Answer.json(200, out);
    }

    private static boolean between(String value, String from, String to, String type) {
        if (type.equals("daily-resting-heart-rate")) {
            return LocalDate.parse(value).compareTo(LocalDate.parse(from)) >= 0
                    && LocalDate.parse(value).isBefore(LocalDate.parse(to));
        }
        if (type.equals("exercise")) {
            return LocalDateTime.parse(value).compareTo(LocalDateTime.parse(from)) >= 0
                    && LocalDateTime.parse(value).isBefore(LocalDateTime.parse(to));
        }
        Instant v = Instant.parse(value);
        return v.compareTo(Instant.parse(from)) >= 0 && v.isBefore(Instant.parse(to));
    }

    private static List<LocalDate> history() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>();
        for (int i = HISTORY_DAYS - 1; i >= 0; i--) {
            days.add(today.minusDays(i));
        }
        return days;
    }

    /** The data points of one type on one day: [time the filter reads, data point]. */
    private List<Object[]> pointsOf(User user, String type, LocalDate day) {
        List<Object[]> out = new ArrayList<>();
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        long e = day.toEpochDay();
        switch (type) {
            case "heart-rate" -> {
                for (int h = 0; h < 24; h++) {
                    Instant at = midnight.plusSeconds(h * 3600L + 300);
                    out.add(new Object[]{at, point(null, "heartRate", Map.of("sampleTime", sample(at),
                            "beatsPerMinute", String.valueOf(55 + h + (int) (e % 5))))});
                }
            }
            case "daily-resting-heart-rate" -> out.add(new Object[]{midnight, point(null, "dailyRestingHeartRate",
                    Map.of("date", date(day), "beatsPerMinute", String.valueOf(56 + (int) (e % 4)))) });
            case "sleep" -> {
                Instant start = midnight.minusSeconds(3600);
                Instant end = midnight.plusSeconds(7 * 3600);
                List<Map<String, Object>> stages = new ArrayList<>();
                String[] kinds = {"LIGHT", "DEEP", "REM", "LIGHT", "AWAKE", "LIGHT", "DEEP", "REM"};
                for (int i = 0; i < kinds.length; i++) {
                    stages.add(Map.of("type", kinds[i], "startTime", start.plusSeconds(i * 3600L).toString(),
                            "endTime", start.plusSeconds((i + 1) * 3600L).toString()));
                }
                out.add(new Object[]{end, point("users/" + user.healthUserId + "/dataTypes/sleep/dataPoints/" + e,
                        "sleep", Map.of("type", "STAGES", "interval", interval(start, end), "stages", stages,
                                "summary", Map.of("minutesAsleep", "420", "minutesAwake", "60")))});
            }
            case "exercise" -> {
                List<Exercise> all = new ArrayList<>(user.exercises);
                if (e % 3 == 0) {
                    Instant start = midnight.plusSeconds(7 * 3600 + 1800);
                    all.add(new Exercise(String.valueOf(2026443605080000000L + e), "RUNNING", start,
                            start.plusSeconds(1800), 5012, 412.5, 151));
                }
                for (Exercise x : all) {
                    if (LocalDate.ofInstant(x.start(), ZoneOffset.UTC).equals(day)) {
                        Map<String, Object> metrics = new LinkedHashMap<>();
                        metrics.put("caloriesKcal", x.kcal());
                        metrics.put("distanceMillimeters", x.meters() * 1000);
                        metrics.put("averageHeartRateBeatsPerMinute", String.valueOf(x.avgHr()));
                        metrics.put("elevationGainMillimeters", 23000.0);
                        out.add(new Object[]{x.start(), point("users/" + user.healthUserId
                                + "/dataTypes/exercise/dataPoints/" + x.id(), "exercise", Map.of(
                                "displayName", "Run", "exerciseType", x.type(), "interval", interval(x.start(), x.end()),
                                "activeDuration", (x.end().getEpochSecond() - x.start().getEpochSecond() - 30) + "s",
                                "metricsSummary", metrics))});
                    }
                }
            }
            case "weight" -> {
                if (e % 7 == 0) {
                    Instant at = midnight.plusSeconds(6 * 3600);
                    out.add(new Object[]{at, point(null, "weight", Map.of("sampleTime", sample(at),
                            "weightGrams", 72500.0 - (e % 10) * 100))});
                }
            }
            case "body-fat" -> {
                if (e % 7 == 0) {
                    Instant at = midnight.plusSeconds(6 * 3600);
                    out.add(new Object[]{at, point(null, "bodyFat", Map.of("sampleTime", sample(at),
                            "percentage", 21.4))});
                }
            }
            default -> {
            }
        }
        return out;
    }

    private Answer dailyRollUp(User user, String type, com.fasterxml.jackson.databind.JsonNode body) {
        LocalDate start = civil(body.path("range").path("start").path("date"));
        LocalDate end = civil(body.path("range").path("end").path("date"));
        if (start == null || end == null || !end.isAfter(start)) {
            return googleError(400, "INVALID_ARGUMENT", "range.start and range.end are required");
        }
        int maxDays = Set.of("heart-rate", "active-minutes", "total-calories", "time-in-heart-rate-zone")
                .contains(type) ? 14 : 90;
        if (start.plusDays(maxDays).isBefore(end)) {
            return googleError(400, "INVALID_ARGUMENT", "The range exceeds " + maxDays + " days for " + type);
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
            if (day.isBefore(LocalDate.now(ZoneOffset.UTC).minusDays(HISTORY_DAYS - 1))
                    || day.isAfter(LocalDate.now(ZoneOffset.UTC))) {
                continue;
            }
            long e = day.toEpochDay();
            long steps = 8000 + (e * 37) % 4000;
            Object value = switch (type) {
                case "steps" -> Map.of("countSum", String.valueOf(steps));
                case "distance" -> Map.of("millimetersSum", String.valueOf(steps * 750));
                case "floors" -> Map.of("countSum", String.valueOf(8 + e % 5));
                case "active-minutes" -> Map.of("activeMinutesRollupByActivityLevel", List.of(
                        Map.of("activityLevel", "LIGHT", "activeMinutesSum", "120"),
                        Map.of("activityLevel", "MODERATE", "activeMinutesSum", "25"),
                        Map.of("activityLevel", "VIGOROUS", "activeMinutesSum", String.valueOf(10 + e % 20))));
                case "total-calories" -> Map.of("kcalSum", 2150.0 + e % 300);
                case "time-in-heart-rate-zone" -> Map.of("timeInHeartRateZones", List.of(
                        Map.of("heartRateZone", "LIGHT", "duration", "3600s"),
                        Map.of("heartRateZone", "MODERATE", "duration", "1500s"),
                        Map.of("heartRateZone", "VIGOROUS", "duration", "600s")));
                default -> null;
            };
            if (value == null) {
                return googleError(400, "INVALID_ARGUMENT", "No daily roll-up for " + type);
            }
            String field = switch (type) {
                case "total-calories" -> "totalCalories";
                case "active-minutes" -> "activeMinutes";
                case "time-in-heart-rate-zone" -> "timeInHeartRateZone";
                default -> type;
            };
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("civilStartTime", Map.of("date", date(day)));
            point.put("civilEndTime", Map.of("date", date(day.plusDays(1))));
            point.put(field, value);
            points.add(point);
        }
        return Answer.json(200, Map.of("rollupDataPoints", points));
    }

    private static Map<String, Object> point(String name, String field, Map<String, Object> value) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (name != null) {
            p.put("name", name);
        }
        p.put("dataSource", Map.of("platform", "FITBIT", "recordingMethod", "PASSIVELY_MEASURED",
                "device", Map.of("displayName", "Charge 6", "formFactor", "FITNESS_BAND", "manufacturer", "Google")));
        p.put(field, value);
        return p;
    }

    private static Map<String, Object> sample(Instant at) {
        LocalDateTime civil = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return Map.of("physicalTime", at.toString(), "utcOffset", "0s", "civilTime", Map.of("date",
                date(civil.toLocalDate()), "time", Map.of("hours", civil.getHour(), "minutes", civil.getMinute())));
    }

    private static Map<String, Object> interval(Instant start, Instant end) {
        return Map.of("startTime", start.toString(), "startUtcOffset", "0s", "endTime", end.toString(),
                "endUtcOffset", "0s");
    }

    private static Map<String, Object> date(LocalDate d) {
        return Map.of("year", d.getYear(), "month", d.getMonthValue(), "day", d.getDayOfMonth());
    }

    private static LocalDate civil(com.fasterxml.jackson.databind.JsonNode date) {
        return date.hasNonNull("year") ? LocalDate.of(date.get("year").asInt(), date.get("month").asInt(),
                date.get("day").asInt()) : null;
    }

    private static Answer googleError(int code, String status, String message) {
        return Answer.json(code, Map.of("error", Map.of("code", code, "message", message, "status", status)));
    }
}
