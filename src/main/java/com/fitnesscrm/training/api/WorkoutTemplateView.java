package com.fitnesscrm.training.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@RegisterForReflection
@Schema(name = "WorkoutTemplate", description = "A workout template. `exercises` is filled on the single read (and"
        + " in write answers), null in lists and inside assignments.")
public record WorkoutTemplateView(
        long id,
        @Schema(example = "Full body A") String name,
        String description,
        @Schema(example = "strength") String category,
        @Schema(enumeration = {"beginner", "intermediate", "advanced"}) String difficulty,
        @Schema(description = "The same value as `difficulty` (the trainer portal reads this name)",
                enumeration = {"beginner", "intermediate", "advanced"}) String difficultyLevel,
        @Schema(example = "45") Integer durationMinutes,
        @Schema(example = "4") Integer durationWeeks,
        String imageUrl,
        String videoUrl,
        @Schema(description = "The user who created it (from the token)") Long createdBy,
        @Schema(description = "Organization-wide; otherwise only its creator and the admins see it") boolean isPublic,
        @Schema(description = "How many exercises it has") int exerciseCount,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Ordered by `order`") List<WorkoutExerciseView> exercises) {
}
