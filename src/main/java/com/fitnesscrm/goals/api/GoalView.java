package com.fitnesscrm.goals.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RegisterForReflection
@Schema(name = "Goal")
public record GoalView(
        long id,
        long clientId,
        @Schema(example = "Run a half marathon") String title,
        String description,
        @Schema(example = "endurance") String category,
        @Schema(example = "21.1") Double targetValue,
        @Schema(example = "km") String targetUnit,
        @Schema(example = "10") Double currentValue,
        @Schema(description = "current_value ÷ target_value × 100, one decimal, between 0 and 100; null without a"
                + " target", example = "47.4") Double progress,
        LocalDate startDate,
        LocalDate targetDate,
        @Schema(description = "Set when the status becomes completed, cleared when it leaves completed")
        Instant completedDate,
        @Schema(enumeration = {"active", "completed", "abandoned", "on_hold"}) String status,
        @Schema(enumeration = {"low", "medium", "high"}) String priority,
        String notes,
        @Schema(description = "The user who created it") Long createdBy,
        @Schema(description = "In the order they are due") List<MilestoneView> milestones,
        Instant createdAt,
        Instant updatedAt) {
}
