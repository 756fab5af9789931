package com.fitnesscrm.wearables.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.wearables.domain.WearableConnection;
import com.fitnesscrm.wearables.provider.ProviderData;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fetch's normalized records: one statement per data type, whatever the number of records (the batch goes
 * in as one JSON array, read with {@code jsonb_to_recordset}), as an upsert on the record's natural key that only
 * touches a row when the provider's raw record changed. So the count it returns is what was new or changed, and
 * fetching the same data again writes nothing.
 */
@ApplicationScoped
public class WearableStore {

    private static final String DAILY = "insert into wearable_daily (organization_id, client_id, provider, day, steps,"
            + " distance_m, active_minutes, calories, floors, raw, fetched_at)"
            + " select distinct on (r.day) ?1, ?2, ?3, r.day, r.steps, r.distance_m, r.active_minutes, r.calories, r.floors, r.raw, now()"
            + " from jsonb_to_recordset(cast(?4 as jsonb)) as r(day date, steps int, distance_m numeric,"
            + " active_minutes int, calories int, floors int, raw jsonb)"
            + " on conflict (client_id, day, provider) do update set steps = excluded.steps,"
            + " distance_m = excluded.distance_m, active_minutes = excluded.active_minutes,"
            + " calories = excluded.calories, floors = excluded.floors, raw = excluded.raw, fetched_at = now()"
            + " where wearable_daily.raw is distinct from excluded.raw";

    private static final String HEART_RATE = "insert into wearable_heart_rate (organization_id, client_id, provider,"
            + " day, resting_bpm, min_bpm, max_bpm, zones, samples, raw, fetched_at)"
            + " select distinct on (r.day) ?1, ?2, ?3, r.day, r.resting_bpm, r.min_bpm, r.max_bpm, r.zones, r.samples, r.raw, now()"
            + " from jsonb_to_recordset(cast(?4 as jsonb)) as r(day date, resting_bpm int, min_bpm int, max_bpm int,"
            + " zones jsonb, samples jsonb, raw jsonb)"
            + " on conflict (client_id, day, provider) do update set"
            + " resting_bpm = coalesce(excluded.resting_bpm, wearable_heart_rate.resting_bpm),"
            + " min_bpm = coalesce(excluded.min_bpm, wearable_heart_rate.min_bpm),"
            + " max_bpm = coalesce(excluded.max_bpm, wearable_heart_rate.max_bpm),"
            + " zones = coalesce(excluded.zones, wearable_heart_rate.zones),"
            + " samples = coalesce(excluded.samples, wearable_heart_rate.samples), raw = excluded.raw, fetched_at = now()"
            + " where wearable_heart_rate.raw is distinct from excluded.raw";

    private static final String SLEEP = "insert into wearable_sleep (organization_id, client_id, provider,"
            + " provider_record_id, start_at, end_at, minutes_asleep, stages, raw, fetched_at)"
            + " select distinct on (r.id) ?1, ?2, ?3, r.id, r.start_at, r.end_at, r.minutes_asleep, r.stages, r.raw, now()"
            + " from jsonb_to_recordset(cast(?4 as jsonb)) as r(id text, start_at timestamptz, end_at timestamptz,"
            + " minutes_asleep int, stages jsonb, raw jsonb)"
            + " on conflict (client_id, provider, provider_record_id) do update set start_at = excluded.start_at,"
            + " end_at = excluded.end_at, minutes_asleep = excluded.minutes_asleep, stages = excluded.stages,"
            + " raw = excluded.raw, fetched_at = now() where wearable_sleep.raw is distinct from excluded.raw";

    private static final String WORKOUTS = "insert into wearable_workouts (organization_id, client_id, provider,"
            + " provider_record_id, activity_type, provider_type, name, start_at, end_at, timezone, duration_s, moving_s,"
            + " distance_m, calories, avg_hr, max_hr, elevation_m, route, raw, fetched_at)"
            + " select distinct on (r.id) ?1, ?2, ?3, r.id, r.activity_type, r.provider_type, r.name, r.start_at, r.end_at, r.timezone,"
            + " r.duration_s, r.moving_s, r.distance_m, r.calories, r.avg_hr, r.max_hr, r.elevation_m, r.route, r.raw,"
            + " now() from jsonb_to_recordset(cast(?4 as jsonb)) as r(id text, activity_type text, provider_type text,"
            + " name text, start_at timestamptz, end_at timestamptz, timezone text, duration_s int, moving_s int,"
            + " distance_m numeric, calories int, avg_hr int, max_hr int, elevation_m numeric, route jsonb, raw jsonb)"
            + " on conflict (client_id, provider, provider_record_id) do update set"
            + " activity_type = excluded.activity_type, provider_type = excluded.provider_type, name = excluded.name,"
            + " start_at = excluded.start_at, end_at = excluded.end_at, timezone = excluded.timezone,"
            + " duration_s = excluded.duration_s, moving_s = excluded.moving_s, distance_m = excluded.distance_m,"
            + " calories = excluded.calories, avg_hr = excluded.avg_hr, max_hr = excluded.max_hr,"
            + " elevation_m = excluded.elevation_m, route = excluded.route, raw = excluded.raw, fetched_at = now()"
            + " where wearable_workouts.raw is distinct from excluded.raw";

    private static final String BODY = "insert into wearable_body (organization_id, client_id, provider,"
            + " provider_record_id, measured_at, weight_kg, body_fat_pct, raw, fetched_at)"
            + " select distinct on (r.id) ?1, ?2, ?3, r.id, r.measured_at, r.weight_kg, r.body_fat_pct, r.raw, now()"
            + " from jsonb_to_recordset(cast(?4 as jsonb)) as r(id text, measured_at timestamptz, weight_kg numeric,"
            + " body_fat_pct numeric, raw jsonb)"
            + " on conflict (client_id, provider, provider_record_id) do update set measured_at = excluded.measured_at,"
            + " weight_kg = excluded.weight_kg, body_fat_pct = excluded.body_fat_pct, raw = excluded.raw,"
            + " fetched_at = now() where wearable_body.raw is distinct from excluded.raw";

    private static final String DELETE_WORKOUTS = "delete from wearable_workouts where client_id = ?1 and provider = ?2"
            + " and provider_record_id in (select jsonb_array_elements_text(cast(?3 as jsonb)))";

    private final ObjectMapper json;

    public WearableStore(ObjectMapper json) {
        this.json = json;
    }

    /** Writes everything in {@code data} for the connection's client; the rows new or changed, per data type. */
    public Map<String, Integer> write(WearableConnection connection, ProviderData data) {
        Map<String, Integer> written = new LinkedHashMap<>();
        if (!data.daily.isEmpty()) {
            written.put("daily", upsert(DAILY, connection, data.daily.stream().map(d -> row(
                    "day", d.day().toString(), "steps", d.steps(), "distance_m", d.distanceM(),
                    "active_minutes", d.activeMinutes(), "calories", d.calories(), "floors", d.floors(),
                    "raw", rawNode(d.raw()))).toList()));
        }
        if (!data.heartRate.isEmpty()) {
            written.put("heart_rate", upsert(HEART_RATE, connection, data.heartRate.stream().map(h -> {
                List<Map<String, Object>> samples = h.samples() == null ? null : h.samples().stream()
                        .map(s -> row("time", s.at().toString(), "bpm", s.bpm())).toList();
                Integer min = h.samples() == null || h.samples().isEmpty() ? null
                        : h.samples().stream().mapToInt(ProviderData.Sample::bpm).min().getAsInt();
                Integer max = h.samples() == null || h.samples().isEmpty() ? null
                        : h.samples().stream().mapToInt(ProviderData.Sample::bpm).max().getAsInt();
                return row("day", h.day().toString(), "resting_bpm", h.restingBpm(), "min_bpm", min, "max_bpm", max,
                        "zones", h.zones() == null || h.zones().isEmpty() ? null : h.zones(), "samples", samples,
                        "raw", rawNode(h.raw()));
            }).toList()));
        }
        if (!data.sleep.isEmpty()) {
            written.put("sleep", upsert(SLEEP, connection, data.sleep.stream().map(s -> row(
                    "id", s.recordId(), "start_at", s.start().toString(), "end_at", s.end().toString(),
                    "minutes_asleep", s.minutesAsleep(), "stages", s.stages() == null ? null : s.stages().stream()
                            .map(st -> row("stage", st.stage(), "start", st.start().toString(),
                                    "end", st.end().toString())).toList(),
                    "raw", rawNode(s.raw()))).toList()));
        }
        if (!data.workouts.isEmpty()) {
            written.put("workouts", upsert(WORKOUTS, connection, data.workouts.stream().map(w -> row(
                    "id", w.recordId(), "activity_type", w.activityType(), "provider_type", w.providerType(),
                    "name", w.name(), "start_at", w.start().toString(), "end_at", w.end().toString(),
                    "timezone", w.timezone(), "duration_s", (int) Duration.between(w.start(), w.end()).toSeconds(),
                    "moving_s", w.movingSeconds(), "distance_m", w.distanceM(), "calories", w.calories(),
                    "avg_hr", w.averageHeartRate(), "max_hr", w.maxHeartRate(), "elevation_m", w.elevationM(),
                    "route", lineString(w.route()), "raw", rawNode(w.raw()))).toList()));
        }
        if (!data.body.isEmpty()) {
            written.put("body", upsert(BODY, connection, data.body.stream().map(b -> row(
                    "id", b.recordId(), "measured_at", b.measuredAt().toString(), "weight_kg", b.weightKg(),
                    "body_fat_pct", b.bodyFatPercent(), "raw", rawNode(b.raw()))).toList()));
        }
        if (!data.deletedWorkouts.isEmpty()) {
            int deleted = Panache.getEntityManager().createNativeQuery(DELETE_WORKOUTS)
                    .setParameter(1, connection.clientId).setParameter(2, connection.provider)
                    .setParameter(3, text(data.deletedWorkouts)).executeUpdate();
            written.merge("workouts", deleted, Integer::sum);
        }
        return written;
    }

    private int upsert(String sql, WearableConnection c, List<Map<String, Object>> rows) {
        return Panache.getEntityManager().createNativeQuery(sql).setParameter(1, c.organizationId)
                .setParameter(2, c.clientId).setParameter(3, c.provider).setParameter(4, text(rows)).executeUpdate();
    }

    /** A GeoJSON LineString of [longitude, latitude] positions, or null without a route. */
    static Map<String, Object> lineString(List<double[]> route) {
        if (route == null || route.size() < 2) {
            return null;
        }
        List<List<Double>> coordinates = new ArrayList<>(route.size());
        for (double[] p : route) {
            coordinates.add(List.of(p[0], p[1]));
        }
        return row("type", "LineString", "coordinates", coordinates);
    }

    private Object rawNode(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            return raw;
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write wearable records as JSON", e);
        }
    }

    /** A map from alternating keys and values; null values are kept (they are SQL nulls in the recordset). */
    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
