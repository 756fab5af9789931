package com.fitnesscrm.activity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ActivityStats", description = "Counts over the activity the caller may see")
@io.quarkus.runtime.annotations.RegisterForReflection
public record ActivityStats(long totalActivities, List<ActionCount> byAction, List<EntityTypeCount> byEntityType) {

    @Schema(name = "ActivityActionCount")
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record ActionCount(String action, long count) {
    }

    @Schema(name = "ActivityEntityTypeCount")
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record EntityTypeCount(String entityType, long count) {
    }
}
