package com.fitnesscrm.training.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Exercise request bodies and answers; form strings and "" (no value) accepted. */
public final class ExerciseRequests {

    private ExerciseRequests() {
    }

    @Schema(name = "ExerciseRequest", description = "`name` is required on create; on update absent fields stay."
            + " `is_custom` and `created_by` are accepted and ignored: an exercise added through the API always"
            + " belongs to the caller's organization and user.")
    public record Save(
            @Size(max = 200) String name,
            @Size(max = 50) String category,
            @Size(max = 50) String muscleGroup,
            @Size(max = 20) List<@Size(max = 50) String> secondaryMuscles,
            @Size(max = 50) String equipment,
            @Schema(enumeration = {"beginner", "intermediate", "advanced"}) String difficulty,
            @Size(max = 5000) String description,
            @Size(max = 10000) String instructions,
            @Size(max = 5000) String tips,
            @Size(max = 1000) String imageUrl,
            @Size(max = 1000) String videoUrl,
            Boolean isCustom,
            String createdBy) {
    }

    public record Filter(String search, String category, String muscleGroup, String equipment, String difficulty,
                         Boolean showCustom) {
    }

    @RegisterForReflection
    @Schema(name = "ExercisePage", description = "The contract's P2 list shape")
    public record Page(List<ExerciseView> exercises, long total, int pages, int currentPage) {
    }

    @Schema(name = "Option")
    public record Option(String value, String label) {
    }

    @Schema(name = "ExerciseCategories")
    public record Categories(List<Option> categories) {
    }

    @Schema(name = "ExerciseMuscleGroups")
    public record MuscleGroups(List<Option> muscleGroups) {
    }

    @Schema(name = "ExerciseEquipment")
    public record Equipment(List<Option> equipment) {
    }

    @RegisterForReflection
    @Schema(name = "ExerciseCreated", description = "The /api/exercises form of a created exercise")
    public record Created(String message, ExerciseView exercise) {
    }

    @RegisterForReflection
    @Schema(name = "ExerciseSeedResult")
    public record Seeded(String message, long count) {
    }
}
