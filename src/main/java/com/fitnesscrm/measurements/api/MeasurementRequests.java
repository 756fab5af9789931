package com.fitnesscrm.measurements.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Measurement bodies and answers. Numbers may arrive as strings ("82.5"); "" means no value. */
public final class MeasurementRequests {

    private MeasurementRequests() {
    }

    @Schema(name = "MeasurementRequest", description = "POST needs client_id (a client may leave it out: their own)."
            + " PUT changes the fields present. weight and muscle_mass are in weight_unit (kg or lbs), the"
            + " circumferences in measurement_unit (cm or inches); without a unit, the caller's unit system. Bounds:"
            + " weight 1-700 kg, muscle_mass 1-300 kg, body fat 1-75 %, bmi 5-100, circumferences 1-300 cm, resting"
            + " heart rate 20-250, blood pressure 50-300 / 20-200 (diastolic below systolic). recorded_by is"
            + " accepted and ignored: it is the caller's role.")
    public record Save(
            @Schema(example = "12") Long clientId,
            @Schema(description = "YYYY-MM-DD, datetime-local or ISO-8601; default now") String measurementDate,
            Double weight,
            @Schema(enumeration = {"kg", "lbs"}) String weightUnit,
            Double bodyFatPercentage,
            Double muscleMass,
            Double bmi,
            Double chest,
            Double waist,
            Double hips,
            Double thighLeft,
            Double thighRight,
            Double armLeft,
            Double armRight,
            Double calfLeft,
            Double calfRight,
            @Schema(enumeration = {"cm", "inches"}) String measurementUnit,
            Double restingHeartRate,
            Double bloodPressureSystolic,
            Double bloodPressureDiastolic,
            @Size(max = 5000) String notes,
            String recordedBy) {
    }

    public record Filter(Long clientId, String startDate, String endDate) {
    }

    @RegisterForReflection
    @Schema(name = "MeasurementPage", description = "The list when the query has per_page (the admin's page reads"
            + " measurements; data is the same list for the old shape)")
    public record Page(List<MeasurementView> measurements, List<MeasurementView> data, long total, int page,
                       int perPage, int pages) {
    }

    @RegisterForReflection
    @Schema(name = "LatestMeasurement")
    public record Latest(@Schema(description = "The newest measurement, or null when there is none")
                         MeasurementView data) {
    }

    /** The progress charts; a chart's key is present only when some measurement has a value for it. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MeasurementProgress", description = "Oldest first. Each chart's arrays line up with its dates"
            + " (null where that measurement lacks the value); a chart is left out when no measurement has data"
            + " for it, so a client with no measurements gets {}.")
    public record Progress(WeightChart weight, BodyComposition bodyComposition, Circumferences circumferences,
                           Vitals vitals) {
    }

    /** A chart point: a number, or null where that measurement lacks the value (documents the arrays' items). */
    @Schema(name = "ChartNumber", type = SchemaType.NUMBER, nullable = true)
    public static final class ChartNumber {
        private ChartNumber() {
        }
    }

    /** A whole-number chart point, or null. */
    @Schema(name = "ChartInteger", type = SchemaType.INTEGER, nullable = true)
    public static final class ChartInteger {
        private ChartInteger() {
        }
    }

    @Schema(name = "WeightChart")
    public record WeightChart(List<Instant> dates,
                              @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> values,
                              @Schema(enumeration = {"kg", "lbs"}) String unit) {
    }

    @Schema(name = "BodyCompositionChart")
    public record BodyComposition(
            List<Instant> dates,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> bodyFat,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> muscleMass,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> bmi,
            @Schema(enumeration = {"kg", "lbs"}) String muscleMassUnit) {
    }

    @Schema(name = "CircumferencesChart")
    public record Circumferences(
            List<Instant> dates,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> chest,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> waist,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> hips,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> thighLeft,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> thighRight,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> armLeft,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> armRight,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> calfLeft,
            @Schema(type = SchemaType.ARRAY, implementation = ChartNumber.class) List<Double> calfRight,
            @Schema(enumeration = {"cm", "inches"}) String unit) {
    }

    @Schema(name = "VitalsChart")
    public record Vitals(
            List<Instant> dates,
            @Schema(type = SchemaType.ARRAY, implementation = ChartInteger.class) List<Integer> restingHeartRate,
            @Schema(type = SchemaType.ARRAY, implementation = ChartInteger.class) List<Integer> bloodPressureSystolic,
            @Schema(type = SchemaType.ARRAY, implementation = ChartInteger.class) List<Integer> bloodPressureDiastolic) {
    }
}
