package com.fitnesscrm.wearables.provider;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a provider adapter hands the framework after one fetch: records in the normalized model, each with the
 * provider's own record id (provenance) and the raw JSON it came from (kept for re-processing). The framework writes
 * them with upserts, so fetching the same records again changes nothing.
 */
public final class ProviderData {

    /** Daily activity totals for one local day. Null fields: the provider did not report them. */
    public record Daily(LocalDate day, Integer steps, Double distanceM, Integer activeMinutes, Integer calories,
                        Integer floors, String raw) {
    }

    /** One heart-rate sample: when and beats per minute. */
    public record Sample(Instant at, int bpm) {
    }

    /** A day's heart rate: resting rate, minutes per zone (name → minutes), the intraday samples where given. */
    public record HeartRateDay(LocalDate day, Integer restingBpm, java.util.Map<String, Integer> zones,
                               List<Sample> samples, String raw) {
    }

    /** One stage of a sleep session ({@code deep}, {@code light}, {@code rem}, {@code awake}, ...). */
    public record SleepStage(String stage, Instant start, Instant end) {
    }

    public record Sleep(String recordId, Instant start, Instant end, Integer minutesAsleep, List<SleepStage> stages,
                        String raw) {
    }

    /**
     * One workout. {@code activityType} is our normalized type (run, ride, walk, swim, hike, strength, yoga, workout,
     * other) so the same session from two providers can be matched; {@code providerType} is the provider's own name.
     * {@code route}: [longitude, latitude] pairs (GeoJSON order), or null.
     */
    public record Workout(String recordId, String activityType, String providerType, String name, Instant start,
                          Instant end, String timezone, Integer movingSeconds, Double distanceM, Integer calories,
                          Integer averageHeartRate, Integer maxHeartRate, Double elevationM, List<double[]> route,
                          String raw) {
    }

    /** A body reading: weight, body fat, or both. */
    public record Body(String recordId, Instant measuredAt, Double weightKg, Double bodyFatPercent, String raw) {
    }

    public final List<Daily> daily = new ArrayList<>();
    public final List<HeartRateDay> heartRate = new ArrayList<>();
    public final List<Sleep> sleep = new ArrayList<>();
    public final List<Workout> workouts = new ArrayList<>();
    public final List<Body> body = new ArrayList<>();
    /** Provider record ids of workouts the provider says are gone (a Strava delete). */
    public final List<String> deletedWorkouts = new ArrayList<>();

}
