package com.fitnesscrm.scheduling.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * The calendar's figures for a portal: the whole organization for an admin, a trainer's own sessions, a
 * client's own. Periods are calendar days and ISO weeks (Monday first) in the organization's time zone.
 */
@RegisterForReflection
@Schema(name = "SessionFigures")
public record SessionFigures(
        @Schema(example = "Europe/London") String timeZone,
        @Schema(description = "Live (not cancelled) sessions today") long todaySessions,
        @Schema(description = "Live sessions this week, Monday to Sunday") long weekSessions,
        @Schema(description = "Live sessions in the next 30 days") long upcomingSessions,
        @Schema(description = "Requests waiting for the trainer's answer (any date ahead)") long pendingRequests,
        @Schema(description = "Distinct clients with a live session in the last or the next 30 days")
        long activeClients,
        @Schema(description = "Live sessions per week, the last 12 weeks up to this one, oldest first")
        List<WeekCount> weeklySessionCounts,
        @Schema(description = "Outcomes of the sessions due in the last `period_days` days") Outcomes outcomes,
        @Schema(description = "The next five live sessions (list form)") List<SessionView> nextSessions) {

    @Schema(name = "WeekCount")
    public record WeekCount(@Schema(description = "The Monday") LocalDate weekStart, long count) {
    }

    @Schema(name = "SessionOutcomes", description = "Rates are percentages of completed + cancelled + no-show,"
            + " one decimal; null when there were none. Declined requests are not cancellations.")
    public record Outcomes(int periodDays, long completed, long cancelled, long lateCancellations, long noShows,
                           Double completionRate, Double cancellationRate, Double noShowRate,
                           Double lateCancellationRate) {
    }
}
