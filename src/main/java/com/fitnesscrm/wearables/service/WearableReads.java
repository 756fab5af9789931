package com.fitnesscrm.wearables.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.wearables.api.WearableData;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a client's wearable data: each read is one query on its table's (client_id, time) index; the merge across
 * providers happens here, on the rows of that one query. Without {@code provider}, the merged view; with it, that
 * provider's own records as stored.
 */
@ApplicationScoped
public class WearableReads {

    /** Two providers' workouts are the same session when type matches and start and end are each this close. */
    static final Duration SAME_SESSION = Duration.ofMinutes(10);

    private final ObjectMapper json;

    public WearableReads(ObjectMapper json) {
        this.json = json;
    }

    public List<WearableData.Daily> daily(long clientId, LocalDate from, LocalDate to, String provider) {
        List<Object[]> rows = rows("select day, steps, distance_m, active_minutes, calories, floors, provider"
                + " from wearable_daily where client_id = ?1 and day >= ?2 and day <= ?3"
                + " and (cast(?4 as text) is null or provider = ?4) order by day, provider", clientId, from, to, provider);
        Map<LocalDate, List<WearableData.Daily>> byDay = new LinkedHashMap<>();
        for (Object[] r : rows) {
            LocalDate day = date(r[0]);
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new WearableData.Daily(day, integer(r[1]),
                    decimal(r[2]), integer(r[3]), integer(r[4]), integer(r[5]), (String) r[6], List.of((String) r[6])));
        }
        List<WearableData.Daily> out = new ArrayList<>();
        byDay.forEach((day, candidates) -> {
            // One provider's figures for the whole day: the one that counted most steps (the device worn longest).
            WearableData.Daily winner = candidates.stream().max(Comparator.comparing(
                    (WearableData.Daily d) -> d.steps() == null ? -1 : d.steps())).orElseThrow();
            out.add(new WearableData.Daily(day, winner.steps(), winner.distanceM(), winner.activeMinutes(),
                    winner.calories(), winner.floors(), winner.provider(),
                    candidates.stream().map(WearableData.Daily::provider).toList()));
        });
        return out;
    }

    public List<WearableData.HeartRate> heartRate(long clientId, LocalDate from, LocalDate to, String provider,
                                                  boolean samples) {
        List<Object[]> rows = rows("select day, resting_bpm, min_bpm, max_bpm, cast(zones as text),"
                + (samples ? " cast(samples as text)," : " null,") + " provider from wearable_heart_rate"
                + " where client_id = ?1 and day >= ?2 and day <= ?3 and (cast(?4 as text) is null or provider = ?4)"
                + " order by day, provider", clientId, from, to, provider);
        Map<LocalDate, List<WearableData.HeartRate>> byDay = new LinkedHashMap<>();
        for (Object[] r : rows) {
            LocalDate day = date(r[0]);
            Map<String, Integer> zones = r[4] == null ? null : parse((String) r[4], new TypeReference<>() { });
            // The samples go out as stored (already the API's shape): no parse and re-write of hundreds of them.
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new WearableData.HeartRate(day, integer(r[1]),
                    integer(r[2]), integer(r[3]), zones, (String) r[5], (String) r[6], List.of((String) r[6])));
        }
        List<WearableData.HeartRate> out = new ArrayList<>();
        byDay.forEach((day, candidates) -> {
            // The provider that measured a resting rate that day wins (a wrist device worn through the night).
            WearableData.HeartRate winner = candidates.stream().filter(h -> h.restingBpm() != null).findFirst()
                    .orElse(candidates.get(0));
            out.add(new WearableData.HeartRate(day, winner.restingBpm(), winner.minBpm(), winner.maxBpm(),
                    winner.zones(), winner.samples(), winner.provider(),
                    candidates.stream().map(WearableData.HeartRate::provider).toList()));
        });
        return out;
    }

    public List<WearableData.Sleep> sleep(long clientId, LocalDate from, LocalDate to, String provider) {
        List<Object[]> rows = rows("select id, provider, provider_record_id, start_at, end_at, minutes_asleep,"
                + " cast(stages as text), coalesce(jsonb_array_length(stages), 0) from wearable_sleep where client_id = ?1 and start_at >= ?2 and start_at < ?3"
                + " and (cast(?4 as text) is null or provider = ?4) order by start_at, id",
                clientId, startOf(from.minusDays(1)), startOf(to.plusDays(1)), provider);
        List<WearableData.Sleep> all = new ArrayList<>();
        Map<Long, Integer> stageCounts = new java.util.HashMap<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            stageCounts.put(id, integer(r[7]));
            // The stages go out as stored (already the API's shape).
            all.add(new WearableData.Sleep(id, (String) r[1], (String) r[2], instant(r[3]), instant(r[4]),
                    integer(r[5]), r[6] == null ? "[]" : (String) r[6],
                    List.of(new WearableData.Source((String) r[1], (String) r[2], id))));
        }
        if (provider != null) {
            return all;
        }
        List<WearableData.Sleep> merged = new ArrayList<>();
        for (WearableData.Sleep s : all) {
            int match = -1;
            for (int i = merged.size() - 1; i >= 0 && match < 0; i--) {
                WearableData.Sleep m = merged.get(i);
                if (m.sources().stream().noneMatch(src -> src.provider().equals(s.provider())) && overlapShare(m, s) > 0.5) {
                    match = i;
                }
            }
            if (match < 0) {
                merged.add(s);
                continue;
            }
            WearableData.Sleep m = merged.get(match);
            // The session with the finer stage breakdown wins.
            WearableData.Sleep winner = stageCounts.get(s.id()) > stageCounts.get(m.id()) ? s : m;
            List<WearableData.Source> sources = new ArrayList<>(m.sources());
            sources.addAll(s.sources());
            merged.set(match, new WearableData.Sleep(winner.id(), winner.provider(), winner.providerRecordId(),
                    winner.start(), winner.end(), winner.minutesAsleep(), winner.stages(), sources));
        }
        return merged;
    }

    private static double overlapShare(WearableData.Sleep a, WearableData.Sleep b) {
        Instant start = a.start().isAfter(b.start()) ? a.start() : b.start();
        Instant end = a.end().isBefore(b.end()) ? a.end() : b.end();
        long overlap = Math.max(0, Duration.between(start, end).toSeconds());
        long shorter = Math.max(1, Math.min(Duration.between(a.start(), a.end()).toSeconds(),
                Duration.between(b.start(), b.end()).toSeconds()));
        return (double) overlap / shorter;
    }

    public List<WearableData.Workout> workouts(long clientId, LocalDate from, LocalDate to, String provider) {
        List<Object[]> rows = rows("select id, provider, provider_record_id, activity_type, name, start_at, end_at,"
                + " timezone, duration_s, moving_s, distance_m, calories, avg_hr, max_hr, elevation_m,"
                + " cast(route as text) from wearable_workouts where client_id = ?1 and start_at >= ?2"
                + " and start_at < ?3 and (cast(?4 as text) is null or provider = ?4) order by start_at, id",
                clientId, startOf(from), startOf(to.plusDays(1)), provider);
        List<WearableData.Workout> all = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            Map<String, Object> route = r[15] == null ? null : parse((String) r[15], new TypeReference<>() { });
            all.add(new WearableData.Workout(id, (String) r[3], (String) r[4], instant(r[5]), instant(r[6]),
                    (String) r[7], integer(r[8]), integer(r[9]), decimal(r[10]), integer(r[11]), integer(r[12]),
                    integer(r[13]), decimal(r[14]), route, (String) r[1],
                    List.of(new WearableData.Source((String) r[1], (String) r[2], id))));
        }
        return provider != null ? all : mergeWorkouts(all);
    }

    /**
     * The same session from several providers once: rows come ordered by start, so a match is among the last few
     * merged items. The winner is the record with a GPS route (the device that tracked the distance), else the
     * longest; each figure the winner lacks comes from the other record.
     */
    static List<WearableData.Workout> mergeWorkouts(List<WearableData.Workout> all) {
        List<WearableData.Workout> merged = new ArrayList<>();
        for (WearableData.Workout w : all) {
            int match = -1;
            for (int i = merged.size() - 1; i >= 0 && match < 0; i--) {
                WearableData.Workout m = merged.get(i);
                if (Duration.between(m.start(), w.start()).compareTo(SAME_SESSION) > 0) {
                    break;
                }
                if (sameSession(m, w)) {
                    match = i;
                }
            }
            if (match < 0) {
                merged.add(w);
                continue;
            }
            WearableData.Workout m = merged.get(match);
            boolean newWins = (w.route() != null) != (m.route() != null) ? w.route() != null
                    : w.durationSeconds() > m.durationSeconds();
            WearableData.Workout win = newWins ? w : m;
            WearableData.Workout other = newWins ? m : w;
            List<WearableData.Source> sources = new ArrayList<>(m.sources());
            sources.addAll(w.sources());
            merged.set(match, new WearableData.Workout(win.id(), win.activityType(),
                    or(win.name(), other.name()), win.start(), win.end(), or(win.timezone(), other.timezone()),
                    win.durationSeconds(), or(win.movingSeconds(), other.movingSeconds()),
                    or(win.distanceM(), other.distanceM()), or(win.calories(), other.calories()),
                    or(win.averageHeartRate(), other.averageHeartRate()), or(win.maxHeartRate(), other.maxHeartRate()),
                    or(win.elevationGainM(), other.elevationGainM()), or(win.route(), other.route()), win.provider(),
                    sources));
        }
        return merged;
    }

    private static boolean sameSession(WearableData.Workout a, WearableData.Workout b) {
        return a.activityType().equals(b.activityType())
                && a.sources().stream().noneMatch(s -> s.provider().equals(b.provider()))
                && Duration.between(a.start(), b.start()).abs().compareTo(SAME_SESSION) <= 0
                && Duration.between(a.end(), b.end()).abs().compareTo(SAME_SESSION) <= 0;
    }

    public List<WearableData.Body> body(long clientId, LocalDate from, LocalDate to, String provider) {
        List<Object[]> rows = rows("select id, provider, provider_record_id, measured_at, weight_kg, body_fat_pct"
                + " from wearable_body where client_id = ?1 and measured_at >= ?2 and measured_at < ?3"
                + " and (cast(?4 as text) is null or provider = ?4) order by measured_at, id",
                clientId, startOf(from), startOf(to.plusDays(1)), provider);
        return rows.stream().map(r -> new WearableData.Body(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], instant(r[3]), decimal(r[4]), decimal(r[5]))).toList();
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(String sql, Object... params) {
        var query = Panache.getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.getResultList();
    }

    private <T> T parse(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored wearable JSON is unreadable", e);
        }
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return value == null ? null : ((Timestamp) value).toInstant();
    }

    private static LocalDate date(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
