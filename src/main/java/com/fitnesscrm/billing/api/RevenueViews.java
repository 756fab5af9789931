package com.fitnesscrm.billing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Revenue figures: money received minus refunds, in the organization's currency, as major-unit numbers (the SPA
 * calls {@code .toFixed} on them, so never null). Months are the organization's calendar months.
 */
public final class RevenueViews {

    private RevenueViews() {
    }

    @RegisterForReflection
    @Schema(name = "RevenueDashboard")
    public record Dashboard(
            double totalRevenue,
            double revenueThisMonth,
            double revenueThisYear,
            @Schema(description = "Payments received") long totalPayments,
            double pendingAmount,
            long pendingCount,
            double averagePayment,
            @Schema(description = "From payment type to revenue") Map<String, Double> revenueByType,
            @Schema(description = "The last 12 months, oldest first, months without payments included")
            List<MonthRevenue> monthlyTrend,
            @Schema(example = "USD") String currency) {
    }

    @RegisterForReflection
    public record MonthRevenue(@Schema(example = "2026-11") String month, double revenue) {
    }

    @RegisterForReflection
    @Schema(name = "RevenueReport")
    public record Report(
            double totalRevenue,
            long paymentCount,
            double averagePayment,
            List<Share> revenueByMethod,
            List<TypeShare> revenueByType,
            @Schema(description = "The ten clients who paid most in the range") List<TopClient> topClients,
            DateRange dateRange,
            String currency) {
    }

    @RegisterForReflection
    public record Share(String method, double total, long count) {
    }

    @RegisterForReflection
    public record TypeShare(String type, double total, long count) {
    }

    @RegisterForReflection
    public record TopClient(long clientId, String clientName, double total) {
    }

    @RegisterForReflection
    public record DateRange(LocalDate start, LocalDate end) {
    }

    @RegisterForReflection
    @Schema(name = "ClientPaymentSummary")
    public record ClientSummary(
            long clientId,
            String clientName,
            String currency,
            double totalPaid,
            double totalRefunded,
            double netPaid,
            long paymentCount,
            double pendingAmount,
            long pendingCount,
            Instant lastPaymentDate,
            @Schema(description = "Sessions left in the client's active packages") int sessionsRemaining,
            List<PackageView> packages,
            @Schema(description = "The ten newest payments") List<PaymentView> recentPayments) {
    }
}
