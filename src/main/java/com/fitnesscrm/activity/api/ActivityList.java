package com.fitnesscrm.activity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ActivityList", description = "Activity rows, newest first")
@io.quarkus.runtime.annotations.RegisterForReflection
public record ActivityList(
        @Schema(description = "Number of rows in activities") int count,
        List<ActivityView> activities) {
}
