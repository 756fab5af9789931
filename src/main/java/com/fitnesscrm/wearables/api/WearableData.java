package com.fitnesscrm.wearables.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The wearable data reads: one merged view across providers by default, one provider's records on request. The
 * lists are cached as JSON (ReadModelCache serializes them with Jackson outside the REST layer), so the native image
 * registers them for reflection here.
 */
@RegisterForReflection(targets = {WearableData.Range.class, WearableData.Daily.class, WearableData.DailyList.class,
        WearableData.Sample.class, WearableData.HeartRate.class, WearableData.HeartRateList.class,
        WearableData.Stage.class, WearableData.Sleep.class, WearableData.SleepList.class, WearableData.Source.class,
        WearableData.Workout.class, WearableData.WorkoutList.class, WearableData.Body.class,
        WearableData.BodyList.class})
public final class WearableData {

    private WearableData() {
    }

    @Schema(description = "Which client and which dates a read covers")
    public record Range(long clientId, LocalDate from, LocalDate to,
                        @Schema(description = "Null: the merged view; else that provider's own records")
                        String provider) {
    }

    @Schema(description = "A day's activity. Merged: the figures of the one provider with the most steps that day"
            + " (never added up across providers); sources lists every provider that reported the day.")
    public record Daily(LocalDate date, Integer steps, Double distanceM, Integer activeMinutes, Integer calories,
                        Integer floors, String provider, List<String> sources) {
    }

    public record DailyList(long clientId, LocalDate from, LocalDate to, List<Daily> daily) {
    }

    /** One heart-rate sample (stored in this shape, and sent as stored). */
    public record Sample(Instant time, int bpm) {
    }

    @Schema(description = "A day's heart rate: resting rate, lowest and highest sample, minutes per zone, and the"
            + " intraday samples when asked for (include=samples)")
    public record HeartRate(LocalDate date, Integer restingBpm, Integer minBpm, Integer maxBpm,
                            Map<String, Integer> zones,
                            @Schema(type = SchemaType.ARRAY, implementation = Sample.class,
                                    description = "The day's samples, oldest first (include=samples)")
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue String samples,
                            String provider, List<String> sources) {
    }

    public record HeartRateList(long clientId, LocalDate from, LocalDate to, List<HeartRate> heartRate) {
    }

    /** One sleep stage (stored in this shape, and sent as stored). */
    public record Stage(String stage, Instant start, Instant end) {
    }

    public record Sleep(long id, String provider, String providerRecordId, Instant start, Instant end,
                        Integer minutesAsleep,
                        @Schema(type = SchemaType.ARRAY, implementation = Stage.class) @JsonRawValue String stages,
                        List<Source> sources) {
    }

    public record SleepList(long clientId, LocalDate from, LocalDate to, List<Sleep> sleep) {
    }

    @Schema(description = "One provider's record behind a merged item")
    public record Source(String provider, String providerRecordId, long id) {
    }

    @Schema(description = "A workout. Merged: the same session recorded by several providers (same activity type,"
            + " start and end each within 10 minutes) appears once; its figures come from the record with a GPS"
            + " route (else the longest recording), and a figure that record lacks comes from the next source."
            + " sources lists every provider's record.")
    public record Workout(long id, String activityType, String name, Instant start, Instant end, String timezone,
                          int durationSeconds, Integer movingSeconds, Double distanceM, Integer calories,
                          Integer averageHeartRate, Integer maxHeartRate, Double elevationGainM,
                          @Schema(description = "GeoJSON LineString of [longitude, latitude] positions, or null")
                          Map<String, Object> route,
                          String provider, List<Source> sources) {
    }

    public record WorkoutList(long clientId, LocalDate from, LocalDate to, List<Workout> workouts) {
    }

    public record Body(long id, String provider, String providerRecordId, Instant measuredAt, Double weightKg,
                       Double bodyFatPercent) {
    }

    public record BodyList(long clientId, LocalDate from, LocalDate to, List<Body> body) {
    }
}
