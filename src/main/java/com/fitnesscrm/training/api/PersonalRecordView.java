package com.fitnesscrm.training.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@RegisterForReflection
@Schema(name = "PersonalRecord", description = "A client's bests on one exercise, each with the log that set it."
        + " The estimated one-rep max uses the formula named in estimated_1rm_formula (Epley: weight × (1 + reps / 30);"
        + " a single is its own weight).")
public record PersonalRecordView(
        long exerciseId,
        String exerciseName,
        @Schema(example = "116.67") @JsonProperty("estimated_1rm_kg") BigDecimal estimated1rmKg,
        @Schema(enumeration = {"epley"}) @JsonProperty("estimated_1rm_formula") String estimated1rmFormula,
        @JsonProperty("estimated_1rm_weight_kg") BigDecimal estimated1rmWeightKg,
        @JsonProperty("estimated_1rm_reps") Integer estimated1rmReps,
        @JsonProperty("estimated_1rm_log_id") Long estimated1rmLogId,
        @JsonProperty("estimated_1rm_date") Instant estimated1rmDate,
        BigDecimal maxWeightKg,
        Integer maxWeightReps,
        Long maxWeightLogId,
        Instant maxWeightDate,
        @Schema(description = "Best weight × reps of one set") BigDecimal bestSetVolumeKg,
        Long bestSetVolumeLogId,
        Instant bestSetVolumeDate,
        @Schema(description = "Best sum of weight × reps of this exercise in one workout") BigDecimal bestSessionVolumeKg,
        Long bestSessionVolumeLogId,
        Instant bestSessionVolumeDate,
        Instant updatedAt) {

    @RegisterForReflection
    @Schema(name = "PersonalRecordList")
    public record Listing(List<PersonalRecordView> records) {
    }
}
