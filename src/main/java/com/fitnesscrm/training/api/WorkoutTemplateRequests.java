package com.fitnesscrm.training.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Template request bodies and answers; form strings and "" (no value) accepted. */
public final class WorkoutTemplateRequests {

    private WorkoutTemplateRequests() {
    }

    @Schema(name = "WorkoutTemplateRequest", description = "`name` is required on create; on update absent fields"
            + " stay, and `exercises`, when present, replaces the whole list. `created_by` is accepted and ignored:"
            + " the creator is the caller.")
    public record Save(
            @Size(max = 200) String name,
            String createdBy,
            @Size(max = 5000) String description,
            @Size(max = 50) String category,
            @Schema(enumeration = {"beginner", "intermediate", "advanced"}) String difficulty,
            @Schema(description = "Alias of difficulty") String difficultyLevel,
            Integer durationMinutes,
            Integer durationWeeks,
            @Size(max = 1000) String imageUrl,
            @Size(max = 1000) String videoUrl,
            Boolean isPublic,
            @Size(max = 100) List<@Valid ExerciseLine> exercises) {
    }

    @Schema(name = "WorkoutExerciseRequest", description = "exercise_id is required; numbers may be form strings")
    public record ExerciseLine(
            Long exerciseId,
            Integer order,
            Integer sets,
            @Size(max = 50) @Schema(example = "8-12") String reps,
            Integer durationSeconds,
            Integer restSeconds,
            @Size(max = 50) @JsonAlias("load") String weight,
            @Size(max = 20) String tempo,
            @Size(max = 2000) String notes) {
    }

    public record Filter(Long userId, Long createdBy, Boolean showPublic, String category, String search) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutTemplatePage", description = "The contract's P2 list shape, newest first")
    public record Page(List<WorkoutTemplateView> templates, long total, int pages, int currentPage) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutTemplateSaved")
    public record Saved(String message, WorkoutTemplateView template) {
    }

    @RegisterForReflection
    @Schema(name = "WorkoutCategories")
    public record Categories(List<ExerciseRequests.Option> categories) {
    }
}
