package com.fitnesscrm.measurements.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A measurement in the units of the reader's unit system (kg and cm, or lbs and inches). */
@RegisterForReflection
@Schema(name = "Measurement")
public record MeasurementView(
        long id,
        long clientId,
        String clientName,
        Instant measurementDate,
        @Schema(description = "The same as measurement_date (the measurement table reads this name)")
        Instant recordedAt,
        @Schema(example = "82.5") Double weight,
        @Schema(enumeration = {"kg", "lbs"}, description = "The unit of weight and muscle_mass") String weightUnit,
        @Schema(example = "18.5") Double bodyFatPercentage,
        @Schema(description = "In weight_unit") Double muscleMass,
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
        @Schema(enumeration = {"cm", "inches"}, description = "The unit of the circumferences")
        String measurementUnit,
        Integer restingHeartRate,
        Integer bloodPressureSystolic,
        Integer bloodPressureDiastolic,
        String notes,
        @Schema(description = "The role of whoever recorded it", enumeration = {"admin", "trainer", "client"})
        String recordedBy,
        Instant createdAt,
        Instant updatedAt) {
}
