package com.fitnesscrm.goals.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Goal and milestone bodies as the SPA's forms send them: numbers may be strings, "" means no value. */
public final class GoalRequests {

    private GoalRequests() {
    }

    @Schema(name = "GoalRequest", description = "POST needs client_id and title. PUT changes the fields present;"
            + " client_id is ignored there (a goal stays with its client), and milestones with an id are changed,"
            + " those without one added (none are removed: use the milestone endpoints). created_by is accepted and"
            + " ignored: it is always the caller. Dates: YYYY-MM-DD or ISO-8601.")
    public record Save(
            @Schema(description = "The client's id (the SPA sends it as a string)", example = "12") Long clientId,
            @Size(max = 200) String title,
            @Size(max = 5000) String description,
            @Schema(description = "Default other", enumeration = {"weight_loss", "weight_gain", "muscle_gain",
                    "strength", "endurance", "cardio", "flexibility", "mobility", "body_composition", "nutrition",
                    "health", "wellness", "performance", "skill", "habit", "general_fitness", "other"})
            String category,
            Double targetValue,
            @Size(max = 40) String targetUnit,
            @Schema(description = "Default 0") Double currentValue,
            @Schema(description = "Default today") String startDate,
            String targetDate,
            @Schema(description = "Default medium", enumeration = {"low", "medium", "high"}) String priority,
            @Schema(description = "Default active", enumeration = {"active", "completed", "abandoned", "on_hold"})
            String status,
            @Size(max = 5000) String notes,
            String createdBy,
            @Size(max = 100) List<@Valid @NotNull MilestoneSave> milestones) {
    }

    @Schema(name = "MilestoneRequest", description = "title is required on create. completed true stamps"
            + " completed_date, false clears it.")
    public record MilestoneSave(
            @Schema(description = "PUT of a goal: the milestone to change (absent: a new one)") Long id,
            @Size(max = 200) String title,
            @Size(max = 5000) String description,
            Double targetValue,
            String targetDate,
            Boolean completed) {
    }

    public record Filter(Long clientId, String status, String category, String priority) {
    }
}
