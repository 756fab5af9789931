package com.fitnesscrm.wearables.fitbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fitnesscrm.wearables.provider.DataType;
import com.fitnesscrm.wearables.provider.ProviderData;
import com.fitnesscrm.wearables.provider.ProviderFailure;
import com.fitnesscrm.wearables.provider.ProviderHttp;
import com.fitnesscrm.wearables.provider.ProviderSession;
import com.fitnesscrm.wearables.provider.WearableProvider;
import com.fitnesscrm.wearables.service.WearablesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code fitbit} provider, on the Google Health API v4 (developers.google.com/health: REST reference v4
 * {@code users.dataTypes.dataPoints} list, rollUp and dailyRollUp; {@code users.identity}; Google Identity: OAuth 2.0
 * for web server apps). Wire shapes as the API's discovery document (health:v4, revision 20260527) gives them; our
 * notes are in docs/research/google-health-api.md. int64 values arrive as JSON strings, distances in millimetres,
 * weight in grams. Users may grant fewer scopes than asked: only the granted data types are synced.
 */
@ApplicationScoped
public class GoogleHealthProvider implements WearableProvider {

    public static final String ID = "fitbit";
    static final String SCOPE_ACTIVITY = "https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly";
    static final String SCOPE_METRICS =
            "https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly";
    static final String SCOPE_SLEEP = "https://www.googleapis.com/auth/googlehealth.sleep.readonly";
    /** Exercise and sleep pages hold at most 25 data points; other types up to 10,000. */
    static final int SESSION_PAGE = 25;
    static final int SAMPLE_PAGE = 10_000;

    private final FitbitConfig config;
    private final ObjectMapper json;
    private final ProviderHttp http;

    public GoogleHealthProvider(FitbitConfig config, WearablesConfig wearables, ObjectMapper json,
                                MeterRegistry metrics) {
        this.config = config;
        this.json = json;
        this.http = new ProviderHttp(ID, wearables.connectTimeout(), wearables.requestTimeout(), metrics,
                wearables.httpRetryDelayMillis());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Fitbit";
    }

    @Override
    public boolean configured() {
        return config.clientId().filter(s -> !s.isBlank()).isPresent()
                && config.clientSecret().filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public Set<DataType> supports() {
        return EnumSet.allOf(DataType.class);
    }

    @Override
    public Set<DataType> granted(String scopes) {
        Set<DataType> types = EnumSet.noneOf(DataType.class);
        for (String s : scopes.split("\\s+")) {
            switch (s) {
                case SCOPE_ACTIVITY -> types.addAll(List.of(DataType.DAILY, DataType.WORKOUTS, DataType.HEART_RATE));
                // Resting heart rate is a health metric: heart rate is synced with either scope.
                case SCOPE_METRICS -> types.addAll(List.of(DataType.BODY, DataType.HEART_RATE));
                case SCOPE_SLEEP -> types.add(DataType.SLEEP);
                default -> {
                }
            }
        }
        return types;
    }

    @Override
    public boolean usesPkce() {
        return true;
    }

    /** access_type=offline and prompt=consent: Google issues a refresh token only so. */
    @Override
    public String authorizationUrl(String state, String codeChallenge, String redirectUri) {
        return base(config.authBase()) + "/o/oauth2/v2/auth?client_id=" + enc(config.clientId().orElse(""))
                + "&redirect_uri=" + enc(redirectUri) + "&response_type=code"
                + "&scope=" + enc(SCOPE_ACTIVITY + " " + SCOPE_METRICS + " " + SCOPE_SLEEP)
                + "&state=" + enc(state) + "&code_challenge=" + enc(codeChallenge)
                + "&code_challenge_method=S256&access_type=offline&prompt=consent&include_granted_scopes=true";
    }

    @Override
    public Grant exchange(String code, String codeVerifier, String redirectUri, String grantedScopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", config.clientId().orElse(""));
        form.put("client_secret", config.clientSecret().orElse(""));
        form.put("code_verifier", codeVerifier);
        JsonNode body = token(form);
        if (!body.hasNonNull("refresh_token")) {
            throw ProviderFailure.rejected("Google issued no refresh token (consent without access_type=offline?)");
        }
        return grant(body);
    }

    @Override
    public Grant refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", config.clientId().orElse(""));
        form.put("client_secret", config.clientSecret().orElse(""));
        // Usually no new refresh token comes back: the stored one stays (Grant.refreshToken null).
        return grant(token(form));
    }

    private JsonNode token(Map<String, String> form) {
        // Sent once: an authorization code is single use, so a blind retry could only fail.
        ProviderHttp.Response r = http.sendOnce(HttpRequest.newBuilder(ProviderHttp.uri(config.tokenBase(), "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(ProviderHttp.form(form)).build());
        if (r.status() == 429) {
            throw ProviderFailure.rateLimited("Google's token endpoint answered 429",
                    Instant.now().plusSeconds(r.retryAfterSeconds()), false);
        }
        if (!r.ok()) {
            JsonNode error = read(r.body());
            String code = error.path("error").asText("");
            if ("invalid_grant".equals(code)) {
                throw ProviderFailure.revoked("Google: invalid_grant (the grant was revoked or expired)");
            }
            throw ProviderFailure.rejected("Google's token endpoint answered " + r.status() + " " + code);
        }
        return read(r.body());
    }

    private static Grant grant(JsonNode body) {
        String access = body.path("access_token").asText(null);
        if (access == null) {
            throw ProviderFailure.rejected("Google's token answer has no access_token");
        }
        return new Grant(access, body.path("refresh_token").asText(null),
                Instant.now().plusSeconds(body.path("expires_in").asLong(3599)), body.path("scope").asText(""), null);
    }

    /** Google's revoke endpoint, with the refresh token (revoking it ends the access tokens too). */
    @Override
    public void revoke(String accessToken, String refreshToken) {
        String token = refreshToken != null ? refreshToken : accessToken;
        ProviderHttp.Response r = http.send(HttpRequest.newBuilder(ProviderHttp.uri(config.tokenBase(),
                        "/revoke?token=" + enc(token))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (!r.ok() && r.status() != 400) {
            throw ProviderFailure.rejected("Google revoke answered " + r.status());
        }
    }

    /** users/me/identity: the Google Health user id (what webhooks name) and the legacy Fitbit user id. */
    @Override
    public Identity identify(Grant grant, ProviderSession session) {
        JsonNode identity = read(ok(session.get(ProviderHttp.uri(config.apiBase(), "/users/me/identity")),
                "identity").body());
        String id = identity.path("healthUserId").asText(null);
        if (id == null || id.isBlank()) {
            throw ProviderFailure.rejected("Google Health identity has no healthUserId");
        }
        return new Identity(id, identity.path("legacyUserId").asText(null));
    }

    @Override
    public ProviderHttp http() {
        return http;
    }

    @Override
    public void probe(ProviderSession session) {
        ok(session.get(ProviderHttp.uri(config.apiBase(), "/users/me/identity")), "identity");
    }

    /** Daily roll-ups of heart rate, active minutes and calories span at most 14 days; the others a month. */
    @Override
    public Duration window(DataType type) {
        return switch (type) {
            case DAILY, HEART_RATE -> Duration.ofDays(14);
            case SLEEP, WORKOUTS -> Duration.ofDays(31);
            case BODY -> Duration.ofDays(92);
        };
    }

    @Override
    public ProviderData fetch(DataType type, Instant from, Instant to, ProviderSession session) {
        ProviderData data = new ProviderData();
        switch (type) {
            case DAILY -> daily(from, to, session, data);
            case HEART_RATE -> heartRate(from, to, session, data);
            case SLEEP -> sleep(from, to, session, data);
            case WORKOUTS -> exercise(from, to, session, data);
            case BODY -> body(from, to, session, data);
        }
        return data;
    }

    // ---- daily totals: one dailyRollUp per type over the window's civil days ----

    private void daily(Instant from, Instant to, ProviderSession session, ProviderData data) {
        if (!has(session, SCOPE_ACTIVITY)) {
            return;
        }
        LocalDate start = day(from);
        LocalDate end = day(to.minusSeconds(1)).plusDays(1);
        Map<LocalDate, ObjectNode> days = new TreeMap<>();
        for (String type : List.of("steps", "distance", "floors", "active-minutes", "total-calories")) {
            for (JsonNode point : dailyRollUp(type, start, end, session)) {
                LocalDate day = civilDate(point.path("civilStartTime").path("date"));
                if (day != null) {
                    ObjectNode merged = days.computeIfAbsent(day, d -> json.createObjectNode());
                    point.fields().forEachRemaining(f -> {
                        if (!f.getKey().startsWith("civil")) {
                            merged.set(f.getKey(), f.getValue());
                        }
                    });
                }
            }
        }
        days.forEach((day, p) -> {
            Integer active = null;
            for (JsonNode level : p.path("activeMinutes").path("activeMinutesRollupByActivityLevel")) {
                String name = level.path("activityLevel").asText();
                // Fitbit's "active minutes": moderate and vigorous (light activity is not counted).
                if (name.equals("MODERATE") || name.equals("VIGOROUS")) {
                    active = (active == null ? 0 : active) + level.path("activeMinutesSum").asInt();
                }
            }
            Long mm = longOrNull(p.path("distance").path("millimetersSum"));
            data.daily.add(new ProviderData.Daily(day, intOrNull(p.path("steps").path("countSum")),
                    mm == null ? null : mm / 1000.0, active,
                    p.path("totalCalories").hasNonNull("kcalSum")
                            ? (int) Math.round(p.path("totalCalories").get("kcalSum").asDouble()) : null,
                    intOrNull(p.path("floors").path("countSum")), p.toString()));
        });
    }

    private List<JsonNode> dailyRollUp(String type, LocalDate start, LocalDate end, ProviderSession session) {
        List<JsonNode> points = new ArrayList<>();
        String pageToken = null;
        do {
            ObjectNode body = json.createObjectNode();
            ObjectNode range = body.putObject("range");
            range.putObject("start").set("date", date(start));
            range.putObject("end").set("date", date(end));
            body.put("windowSizeDays", 1);
            if (pageToken != null) {
                body.put("pageToken", pageToken);
            }
            JsonNode page = read(ok(session.send(HttpRequest.newBuilder(ProviderHttp.uri(config.apiBase(),
                            "/users/me/dataTypes/" + type + "/dataPoints:dailyRollUp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))), type).body());
            page.path("rollupDataPoints").forEach(points::add);
            pageToken = page.path("nextPageToken").asText("");
        } while (!pageToken.isEmpty());
        return points;
    }

    // ---- heart rate: samples, resting rate, time in zones ----

    private void heartRate(Instant from, Instant to, ProviderSession session, ProviderData data) {
        Map<LocalDate, List<ProviderData.Sample>> samples = new TreeMap<>();
        Map<LocalDate, Integer> resting = new TreeMap<>();
        Map<LocalDate, Map<String, Integer>> zones = new TreeMap<>();
        // A day's samples are stored as one array and replaced whole, so only whole civil days are kept: the query
        // reaches 14 hours past the window on both sides (the widest UTC offsets) and days outside it are dropped.
        LocalDate firstDay = day(from);
        LocalDate lastDay = day(to.minusSeconds(1));
        if (has(session, SCOPE_ACTIVITY)) {
            list("heart-rate", "heart_rate.sample_time.physical_time >= \"" + from.minus(Duration.ofHours(14))
                    + "\" AND heart_rate.sample_time.physical_time < \"" + to.plus(Duration.ofHours(14)) + "\"",
                    SAMPLE_PAGE, session, p -> {
                JsonNode hr = p.path("heartRate");
                Instant at = Instant.parse(hr.path("sampleTime").path("physicalTime").asText());
                LocalDate day = Optional.ofNullable(civilDate(hr.path("sampleTime").path("civilTime").path("date")))
                        .orElse(day(at));
                samples.computeIfAbsent(day, d -> new ArrayList<>()).add(new ProviderData.Sample(at,
                        hr.path("beatsPerMinute").asInt()));
            });
            for (JsonNode point : dailyRollUp("time-in-heart-rate-zone", day(from), day(to.minusSeconds(1)).plusDays(1),
                    session)) {
                LocalDate day = civilDate(point.path("civilStartTime").path("date"));
                for (JsonNode z : point.path("timeInHeartRateZone").path("timeInHeartRateZones")) {
                    if (day != null) {
                        zones.computeIfAbsent(day, d -> new LinkedHashMap<>()).put(
                                z.path("heartRateZone").asText().toLowerCase(),
                                (int) (seconds(z.path("duration").asText("0s")) / 60));
                    }
                }
            }
        }
        if (has(session, SCOPE_METRICS)) {
            list("daily-resting-heart-rate", "daily_resting_heart_rate.date >= \"" + day(from) + "\" AND"
                    + " daily_resting_heart_rate.date < \"" + day(to.minusSeconds(1)).plusDays(1) + "\"", SAMPLE_PAGE,
                    session, p -> {
                        JsonNode r = p.path("dailyRestingHeartRate");
                        LocalDate day = civilDate(r.path("date"));
                        if (day != null) {
                            resting.put(day, r.path("beatsPerMinute").asInt());
                        }
                    });
        }
        java.util.Set<LocalDate> days = new java.util.TreeSet<>(samples.keySet());
        days.addAll(resting.keySet());
        days.addAll(zones.keySet());
        days.removeIf(d -> d.isBefore(firstDay) || d.isAfter(lastDay));
        for (LocalDate day : days) {
            List<ProviderData.Sample> s = samples.get(day);
            if (s != null) {
                s.sort(java.util.Comparator.comparing(ProviderData.Sample::at));
            }
            ObjectNode raw = json.createObjectNode();
            raw.put("resting", resting.get(day));
            raw.set("zones", json.valueToTree(zones.get(day)));
            raw.put("samples", s == null ? 0 : s.size());
            raw.put("samples_hash", s == null ? 0 : s.stream().mapToLong(x -> x.at().getEpochSecond() * 31 + x.bpm())
                    .reduce(17, (a, b) -> a * 1_000_003 + b));
            data.heartRate.add(new ProviderData.HeartRateDay(day, resting.get(day), zones.get(day), s, raw.toString()));
        }
    }

    // ---- sleep, exercise, body ----

    private void sleep(Instant from, Instant to, ProviderSession session, ProviderData data) {
        if (!has(session, SCOPE_SLEEP)) {
            return;
        }
        // Sleep is filtered on its interval's end (Google's reference: sleep.interval.end_time).
        list("sleep", "sleep.interval.end_time >= \"" + from + "\" AND sleep.interval.end_time < \"" + to + "\"",
                SESSION_PAGE, session, p -> {
                    JsonNode s = p.path("sleep");
                    List<ProviderData.SleepStage> stages = new ArrayList<>();
                    for (JsonNode st : s.path("stages")) {
                        stages.add(new ProviderData.SleepStage(st.path("type").asText().toLowerCase(),
                                Instant.parse(st.path("startTime").asText()), Instant.parse(st.path("endTime").asText())));
                    }
                    JsonNode interval = s.path("interval");
                    data.sleep.add(new ProviderData.Sleep(recordId(p, "sleep", interval.path("startTime").asText()),
                            Instant.parse(interval.path("startTime").asText()),
                            Instant.parse(interval.path("endTime").asText()),
                            intOrNull(s.path("summary").path("minutesAsleep")), stages, p.toString()));
                });
    }

    private void exercise(Instant from, Instant to, ProviderSession session, ProviderData data) {
        if (!has(session, SCOPE_ACTIVITY)) {
            return;
        }
        // Exercise filters take the civil start time only (Google's reference).
        list("exercise", "exercise.interval.civil_start_time >= \"" + day(from) + "T00:00:00\" AND"
                + " exercise.interval.civil_start_time < \"" + day(to.minusSeconds(1)).plusDays(1) + "T00:00:00\"",
                SESSION_PAGE, session, p -> {
                    JsonNode e = p.path("exercise");
                    JsonNode interval = e.path("interval");
                    JsonNode m = e.path("metricsSummary");
                    String type = e.path("exerciseType").asText("OTHER");
                    data.workouts.add(new ProviderData.Workout(recordId(p, "exercise", interval.path("startTime").asText()),
                            activityType(type), type, e.path("displayName").asText(null),
                            Instant.parse(interval.path("startTime").asText()),
                            Instant.parse(interval.path("endTime").asText()), null,
                            e.hasNonNull("activeDuration") ? (int) seconds(e.get("activeDuration").asText()) : null,
                            m.hasNonNull("distanceMillimeters") ? m.get("distanceMillimeters").asDouble() / 1000 : null,
                            m.hasNonNull("caloriesKcal") ? (int) Math.round(m.get("caloriesKcal").asDouble()) : null,
                            intOrNull(m.path("averageHeartRateBeatsPerMinute")), null,
                            m.hasNonNull("elevationGainMillimeters") ? m.get("elevationGainMillimeters").asDouble() / 1000
                                    : null, null, p.toString()));
                });
    }

    private void body(Instant from, Instant to, ProviderSession session, ProviderData data) {
        if (!has(session, SCOPE_METRICS)) {
            return;
        }
        list("weight", "weight.sample_time.physical_time >= \"" + from + "\" AND weight.sample_time.physical_time < \""
                + to + "\"", SAMPLE_PAGE, session, p -> {
            JsonNode w = p.path("weight");
            String at = w.path("sampleTime").path("physicalTime").asText();
            data.body.add(new ProviderData.Body(recordId(p, "weight", at), Instant.parse(at),
                    w.path("weightGrams").asDouble() / 1000, null, p.toString()));
        });
        list("body-fat", "body_fat.sample_time.physical_time >= \"" + from + "\" AND"
                + " body_fat.sample_time.physical_time < \"" + to + "\"", SAMPLE_PAGE, session, p -> {
            JsonNode b = p.path("bodyFat");
            String at = b.path("sampleTime").path("physicalTime").asText();
            data.body.add(new ProviderData.Body(recordId(p, "body-fat", at), Instant.parse(at), null,
                    b.path("percentage").asDouble(), p.toString()));
        });
    }

    /** Pages through dataPoints of one type with an AIP-160 filter, handing each data point to {@code each}. */
    private void list(String type, String filter, int pageSize, ProviderSession session, Consumer<JsonNode> each) {
        String pageToken = "";
        do {
            String query = "?filter=" + enc(filter) + "&pageSize=" + pageSize
                    + (pageToken.isEmpty() ? "" : "&pageToken=" + enc(pageToken));
            JsonNode page = read(ok(session.get(ProviderHttp.uri(config.apiBase(), "/users/me/dataTypes/" + type
                    + "/dataPoints" + query)), type).body());
            page.path("dataPoints").forEach(each);
            pageToken = page.path("nextPageToken").asText("");
        } while (!pageToken.isEmpty());
    }

    /** Sleep and exercise carry a resource name (their id); other types are keyed on their type and time. */
    private static String recordId(JsonNode point, String type, String time) {
        String name = point.path("name").asText("");
        return name.isEmpty() ? type + "@" + time : name.substring(name.lastIndexOf('/') + 1);
    }

    /** Google Health's exerciseType in our normalized types (unknown values, as new ones appear, are "other"). */
    static String activityType(String type) {
        return switch (type) {
            case "RUNNING" -> "run";
            case "BIKING" -> "ride";
            case "WALKING" -> "walk";
            case "SWIMMING" -> "swim";
            case "HIKING" -> "hike";
            case "YOGA", "PILATES" -> "yoga";
            case "WEIGHTLIFTING", "STRENGTH_TRAINING" -> "strength";
            case "WORKOUT", "HIIT" -> "workout";
            default -> "other";
        };
    }

    /** Over quota Google answers 429 RESOURCE_EXHAUSTED, per user (300 a minute) or per project; no headers given. */
    @Override
    public Optional<Pause> pauseAfter(ProviderHttp.Response response) {
        if (response.status() != 429) {
            return Optional.empty();
        }
        // A per-user quota pauses that connection; any other (the project's) pauses every Fitbit request.
        String error = response.body() == null ? "" : response.body();
        boolean perUser = error.toLowerCase(java.util.Locale.ROOT).contains("per user")
                || error.contains("PerUser");
        return Optional.of(new Pause(Instant.now().plusSeconds(response.retryAfterSeconds()), perUser,
                perUser ? "RESOURCE_EXHAUSTED per user" : "RESOURCE_EXHAUSTED"));
    }


    private static boolean has(ProviderSession session, String scope) {
        return (" " + session.scopes() + " ").contains(" " + scope + " ");
    }

    private ProviderHttp.Response ok(ProviderHttp.Response r, String what) {
        if (r.ok()) {
            return r;
        }
        JsonNode error = read(r.body()).path("error");
        String status = error.path("status").asText("");
        if (r.status() == 403) {
            String reasons = error.path("details").toString();
            if (reasons.contains("SERVICE_DISABLED") || reasons.contains("API_KEY") || reasons.contains("BILLING")
                    || reasons.contains("CONSUMER_INVALID")) {
                // Our project's setup, not the user's grant: nobody's tokens are dropped for it.
                throw ProviderFailure.unavailable("Google Health refused " + what + " for the project (403 "
                        + status + " " + reasons + ")", null);
            }
            // A scope withdrawn since the grant, or an account Google no longer links: a new consent is needed.
            throw ProviderFailure.revoked("Google Health refused " + what + " (403 " + status + ")");
        }
        throw ProviderFailure.rejected("Google Health " + what + " answered " + r.status() + " " + status);
    }

    private JsonNode read(String body) {
        try {
            JsonNode node = json.readTree(body == null || body.isBlank() ? "{}" : body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            throw ProviderFailure.unavailable("Google Health sent unreadable JSON", e);
        }
    }

    private ObjectNode date(LocalDate d) {
        // Unpadded numbers: Google's reference warns that dailyRollUp rejects zero-padded months and days.
        return json.createObjectNode().put("year", d.getYear()).put("month", d.getMonthValue()).put("day",
                d.getDayOfMonth());
    }

    private static LocalDate civilDate(JsonNode date) {
        if (date == null || !date.hasNonNull("year")) {
            return null;
        }
        return LocalDate.of(date.get("year").asInt(), date.path("month").asInt(1), date.path("day").asInt(1));
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** "1830s" → 1830. */
    static long seconds(String duration) {
        try {
            return (long) Double.parseDouble(duration.endsWith("s") ? duration.substring(0, duration.length() - 1)
                    : duration);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asInt();
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asLong();
    }

    private static String enc(String s) {
        return ProviderHttp.encode(s == null ? "" : s);
    }

    private static String base(String url) {
        return url.replaceAll("/+$", "");
    }
}
