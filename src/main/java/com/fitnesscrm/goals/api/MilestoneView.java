package com.fitnesscrm.goals.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

@RegisterForReflection
@Schema(name = "Milestone")
public record MilestoneView(
        long id,
        long goalId,
        @Schema(example = "Run 5 km without stopping") String title,
        String description,
        Double targetValue,
        LocalDate targetDate,
        boolean completed,
        @Schema(description = "Set when the milestone is marked completed, cleared when it is reopened")
        Instant completedDate,
        Instant createdAt,
        Instant updatedAt) {
}
