package com.fitnesscrm.goals.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The goals module's {@code {success, data}} envelope; lists add {@code count}, writes add {@code message}. */
public final class GoalResponses {

    private GoalResponses() {
    }

    @RegisterForReflection
    @Schema(name = "GoalList")
    public record GoalList(@Schema(example = "true") boolean success, List<GoalView> data, long count) {
        public GoalList(List<GoalView> data) {
            this(true, data, data.size());
        }
    }

    @RegisterForReflection
    @Schema(name = "GoalResult")
    public record GoalResult(@Schema(example = "true") boolean success, GoalView data) {
        public GoalResult(GoalView data) {
            this(true, data);
        }
    }

    @RegisterForReflection
    @Schema(name = "GoalSaved")
    public record GoalSaved(@Schema(example = "true") boolean success,
                            @Schema(example = "Goal created successfully") String message, GoalView data) {
        public GoalSaved(String message, GoalView data) {
            this(true, message, data);
        }
    }

    @RegisterForReflection
    @Schema(name = "MilestoneSaved")
    public record MilestoneSaved(@Schema(example = "true") boolean success,
                                 @Schema(example = "Milestone created successfully") String message,
                                 MilestoneView data) {
        public MilestoneSaved(String message, MilestoneView data) {
            this(true, message, data);
        }
    }

    @RegisterForReflection
    @Schema(name = "GoalMessage", description = "A delete's answer")
    public record Done(@Schema(example = "true") boolean success, String message) {
        public Done(String message) {
            this(true, message);
        }
    }

    @RegisterForReflection
    @Schema(name = "GoalSummary")
    public record Summary(long totalGoals, long activeGoals, long completedGoals,
                          @Schema(description = "Goals of high priority, whatever their status") long highPriority,
                          @Schema(description = "Every goal of the client, newest first") List<GoalView> goals) {
    }

    @RegisterForReflection
    @Schema(name = "GoalCounts", description = "How many goals a client has, by status")
    public record Counts(long totalGoals, long activeGoals, long completedGoals,
                         @Schema(description = "Goals of high priority, whatever their status") long highPriority) {
    }

    @RegisterForReflection
    @Schema(name = "GoalSummaryResult")
    public record SummaryResult(@Schema(example = "true") boolean success, Summary data) {
        public SummaryResult(Summary data) {
            this(true, data);
        }
    }
}
