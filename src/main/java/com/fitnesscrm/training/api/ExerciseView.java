package com.fitnesscrm.training.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@RegisterForReflection
@Schema(name = "Exercise")
public record ExerciseView(
        long id,
        @Schema(example = "Barbell Back Squat") String name,
        @Schema(example = "strength") String category,
        @Schema(description = "The primary muscle group", example = "quadriceps") String muscleGroup,
        @Schema(example = "[\"glutes\", \"hamstrings\"]") List<String> secondaryMuscles,
        @Schema(example = "barbell") String equipment,
        @Schema(enumeration = {"beginner", "intermediate", "advanced"}) String difficulty,
        String description,
        String instructions,
        String tips,
        String imageUrl,
        String videoUrl,
        @Schema(description = "An organization's own exercise (false: the global library)") boolean isCustom,
        @Schema(description = "The user who added it") Long createdBy,
        Instant createdAt,
        Instant updatedAt) {
}
