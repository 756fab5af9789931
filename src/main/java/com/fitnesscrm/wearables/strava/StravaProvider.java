package com.fitnesscrm.wearables.strava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.wearables.provider.DataType;
import com.fitnesscrm.wearables.provider.Polyline;
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
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strava API v3 (developers.strava.com: Authentication, Getting Started, API Reference, Rate Limits). Workouts only:
 * Strava has no daily, sleep or body series. OAuth 2.0 with the client secret on every token call (Strava documents no
 * PKCE); an access token lives 6 hours, and a refresh that returns a new refresh token invalidates the old one at
 * once, which is why the framework serializes refreshes per connection. Rate limits are per app, in 15-minute windows
 * starting at :00, :15, :30 and :45 and a day ending at midnight UTC; every answer reports the usage, and the queue
 * stops asking when a window is used up instead of running into 429s.
 */
@ApplicationScoped
public class StravaProvider implements WearableProvider {

    public static final String ID = "strava";
    /** Strava's maximum page size for the activity list: the fewest requests for a history. */
    static final int PAGE = 200;
    private static final String SCOPES = "read,activity:read_all";

    private final StravaConfig config;
    private final ObjectMapper json;
    private final ProviderHttp http;

    public StravaProvider(StravaConfig config, WearablesConfig wearables, ObjectMapper json, MeterRegistry metrics) {
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
        return "Strava";
    }

    @Override
    public boolean configured() {
        return config.clientId().filter(s -> !s.isBlank()).isPresent()
                && config.clientSecret().filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public Set<DataType> supports() {
        return Set.of(DataType.WORKOUTS);
    }

    /** Strava reports the accepted scopes comma-separated; activities need activity:read or activity:read_all. */
    @Override
    public Set<DataType> granted(String scopes) {
        for (String s : scopes.split("[,\\s]+")) {
            if (s.equals("activity:read") || s.equals("activity:read_all")) {
                return Set.of(DataType.WORKOUTS);
            }
        }
        return Set.of();
    }

    @Override
    public boolean usesPkce() {
        return false;
    }

    @Override
    public String authorizationUrl(String state, String codeChallenge, String redirectUri) {
        return base(config.authBase()) + "/oauth/authorize?client_id=" + ProviderHttp.encode(config.clientId().orElse(""))
                + "&redirect_uri=" + ProviderHttp.encode(redirectUri) + "&response_type=code&approval_prompt=auto"
                + "&scope=" + ProviderHttp.encode(SCOPES) + "&state=" + ProviderHttp.encode(state);
    }

    @Override
    public Grant exchange(String code, String codeVerifier, String redirectUri, String grantedScopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", config.clientId().orElse(""));
        form.put("client_secret", config.clientSecret().orElse(""));
        form.put("code", code);
        form.put("grant_type", "authorization_code");
        JsonNode body = token(form, false);
        // The callback's scope is what the athlete accepted; the token answer does not repeat it.
        return grant(body, grantedScopes == null ? "" : grantedScopes);
    }

    @Override
    public Grant refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", config.clientId().orElse(""));
        form.put("client_secret", config.clientSecret().orElse(""));
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return grant(token(form, true), null);
    }

    private JsonNode token(Map<String, String> form, boolean refreshing) {
        // Sent once: a retry after a lost answer would spend a refresh token Strava may already have rotated.
        ProviderHttp.Response r = http.sendOnce(HttpRequest.newBuilder(ProviderHttp.uri(config.authBase(), "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(ProviderHttp.form(form)).build());
        if (r.status() == 429) {
            throw ProviderFailure.rateLimited("Strava token endpoint answered 429", nextWindow(Instant.now()), false);
        }
        if (!r.ok()) {
            // A refused refresh token (spent, or the athlete revoked us): only a new consent helps.
            if (refreshing && (r.status() == 400 || r.status() == 401)) {
                throw ProviderFailure.revoked("Strava refused the refresh token (" + r.status() + ")");
            }
            throw ProviderFailure.rejected("Strava token endpoint answered " + r.status());
        }
        return read(r.body());
    }

    private Grant grant(JsonNode body, String scopes) {
        String access = body.path("access_token").asText(null);
        if (access == null) {
            throw ProviderFailure.rejected("Strava's token answer has no access_token");
        }
        Instant expires = body.hasNonNull("expires_at") ? Instant.ofEpochSecond(body.get("expires_at").asLong())
                : Instant.now().plusSeconds(body.path("expires_in").asLong(21600));
        JsonNode athlete = body.path("athlete");
        return new Grant(access, body.path("refresh_token").asText(null), expires, scopes,
                athlete.hasNonNull("id") ? athlete.get("id").asText() : null);
    }

    /** POST /oauth/deauthorize: revokes every token of this athlete for our app. */
    @Override
    public void revoke(String accessToken, String refreshToken) {
        ProviderHttp.Response r = http.send(HttpRequest.newBuilder(ProviderHttp.uri(config.authBase(),
                        "/oauth/deauthorize?access_token=" + ProviderHttp.encode(accessToken)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (!r.ok()) {
            throw ProviderFailure.rejected("Strava deauthorize answered " + r.status());
        }
    }

    @Override
    public Identity identify(Grant grant, ProviderSession session) {
        if (grant.providerUserId() != null) {
            return new Identity(grant.providerUserId(), null);
        }
        JsonNode athlete = read(ok(session.get(ProviderHttp.uri(config.apiBase(), "/athlete")), "athlete").body());
        return new Identity(athlete.path("id").asText(), null);
    }

    @Override
    public ProviderHttp http() {
        return http;
    }

    @Override
    public void probe(ProviderSession session) {
        ok(session.get(ProviderHttp.uri(config.apiBase(), "/athlete")), "athlete");
    }

    /** The whole backfill in one window: the activity list pages by 200, so a 90-day history is one or two calls. */
    @Override
    public Duration window(DataType type) {
        return Duration.ofDays(100);
    }

    @Override
    public ProviderData fetch(DataType type, Instant from, Instant to, ProviderSession session) {
        ProviderData data = new ProviderData();
        if (type != DataType.WORKOUTS) {
            return data;
        }
        for (int page = 1; ; page++) {
            ProviderHttp.Response r = ok(session.get(ProviderHttp.uri(config.apiBase(), "/athlete/activities?after="
                    + from.getEpochSecond() + "&before=" + to.getEpochSecond() + "&page=" + page
                    + "&per_page=" + PAGE)), "activities");
            JsonNode list = read(r.body());
            list.forEach(a -> data.workouts.add(workout(a)));
            if (list.size() < PAGE) {
                return data;
            }
        }
    }

    /** One activity a webhook named: 404 (deleted, or now private to the athlete) removes ours. */
    @Override
    public ProviderData fetchObject(DataType type, String objectId, ProviderSession session) {
        ProviderData data = new ProviderData();
        if (!objectId.matches("\\d{1,20}")) {
            throw ProviderFailure.rejected("Not a Strava activity id");
        }
        ProviderHttp.Response r = session.get(ProviderHttp.uri(config.apiBase(), "/activities/" + objectId));
        if (r.status() == 404) {
            data.deletedWorkouts.add(objectId);
            return data;
        }
        data.workouts.add(workout(read(ok(r, "activity").body())));
        return data;
    }

    private ProviderData.Workout workout(JsonNode a) {
        Instant start = Instant.parse(a.path("start_date").asText());
        int elapsed = a.path("elapsed_time").asInt();
        String sport = a.hasNonNull("sport_type") ? a.get("sport_type").asText() : a.path("type").asText("Workout");
        JsonNode map = a.path("map");
        String polyline = map.hasNonNull("polyline") ? map.get("polyline").asText()
                : map.path("summary_polyline").asText(null);
        List<double[]> route = polyline == null || polyline.isEmpty() ? null : Polyline.decode(polyline);
        Integer calories = null;
        if (a.hasNonNull("calories")) {
            calories = (int) Math.round(a.get("calories").asDouble());
        } else if (a.hasNonNull("kilojoules")) {
            // Rides report the work done; at the ~24% efficiency Strava assumes, kJ of work ≈ kcal burned.
            calories = (int) Math.round(a.get("kilojoules").asDouble());
        }
        return new ProviderData.Workout(a.path("id").asText(), activityType(sport), sport, a.path("name").asText(null),
                start, start.plusSeconds(elapsed), timezone(a.path("timezone").asText(null)),
                a.hasNonNull("moving_time") ? a.get("moving_time").asInt() : null,
                a.hasNonNull("distance") ? a.get("distance").asDouble() : null, calories,
                a.hasNonNull("average_heartrate") ? (int) Math.round(a.get("average_heartrate").asDouble()) : null,
                a.hasNonNull("max_heartrate") ? (int) Math.round(a.get("max_heartrate").asDouble()) : null,
                a.hasNonNull("total_elevation_gain") ? a.get("total_elevation_gain").asDouble() : null, route,
                a.toString());
    }

    /** Strava's sport_type in our normalized types (the merged view matches on these). */
    static String activityType(String sport) {
        return switch (sport) {
            case "Run", "TrailRun", "VirtualRun" -> "run";
            case "Ride", "MountainBikeRide", "GravelRide", "EBikeRide", "EMountainBikeRide", "VirtualRide", "Velomobile",
                 "Handcycle" -> "ride";
            case "Walk" -> "walk";
            case "Hike" -> "hike";
            case "Swim" -> "swim";
            case "WeightTraining" -> "strength";
            case "Yoga", "Pilates" -> "yoga";
            case "Workout", "HighIntensityIntervalTraining", "Crossfit" -> "workout";
            default -> "other";
        };
    }

    /** "(GMT-08:00) America/Los_Angeles" → "America/Los_Angeles". */
    static String timezone(String strava) {
        if (strava == null) {
            return null;
        }
        int space = strava.lastIndexOf(' ');
        return space < 0 ? strava : strava.substring(space + 1);
    }

    /**
     * Strava's usage headers (X-ReadRateLimit-* for reads, X-RateLimit-* overall; each "15-minute,daily"): a window
     * used up pauses the app until it resets (the next quarter hour, or midnight UTC for the day).
     */
    @Override
    public Optional<Pause> pauseAfter(ProviderHttp.Response response) {
        Instant now = Instant.now();
        for (String prefix : List.of("X-ReadRateLimit-", "X-RateLimit-")) {
            long[] limit = pair(response.header(prefix + "Limit"));
            long[] usage = pair(response.header(prefix + "Usage"));
            if (limit == null || usage == null) {
                continue;
            }
            if (usage[1] >= limit[1]) {
                return Optional.of(new Pause(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC).toInstant(), false, "daily limit " + limit[1] + " used"));
            }
            if (usage[0] >= limit[0]) {
                return Optional.of(new Pause(nextWindow(now), false, "15-minute limit " + limit[0] + " used"));
            }
        }
        if (response.status() == 429) {
            return Optional.of(new Pause(nextWindow(now), false, "429"));
        }
        return Optional.empty();
    }

    /** The start of the next 15-minute window (:00, :15, :30, :45 UTC). */
    static Instant nextWindow(Instant now) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        long minutes = Duration.between(hour, now).toMinutes();
        return hour.plus((minutes / 15 + 1) * 15, ChronoUnit.MINUTES);
    }

    private static long[] pair(Optional<String> header) {
        if (header.isEmpty()) {
            return null;
        }
        String[] parts = header.get().split(",");
        try {
            return parts.length < 2 ? null : new long[]{Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ProviderHttp.Response ok(ProviderHttp.Response r, String what) {
        if (r.status() == 404 && "athlete".equals(what)) {
            throw ProviderFailure.revoked("Strava no longer knows this athlete");
        }
        if (!r.ok()) {
            throw ProviderFailure.rejected("Strava " + what + " answered " + r.status());
        }
        return r;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw ProviderFailure.unavailable("Strava sent unreadable JSON", e);
        }
    }

    private static String base(String url) {
        return url.replaceAll("/+$", "");
    }
}
