package com.fitnesscrm.billing.rest;

import com.fitnesscrm.billing.api.RevenueViews;
import com.fitnesscrm.billing.service.RevenueService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.JsonText;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Revenue for the analytics page, which calls these without the {@code /api} prefix
 * ({@link UnprefixedRevenueResource} serves that path with the same operations).
 */
@Path("/api/payments/revenue")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Revenue", description = "Money received minus refunds, in the organization's currency")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A client", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class RevenueResource {

    private final RevenueService revenue;
    private final CurrentUser caller;

    public RevenueResource(RevenueService revenue, CurrentUser caller) {
        this.revenue = revenue;
        this.caller = caller;
    }

    @GET
    @Path("/dashboard")
    @Operation(summary = "Revenue dashboard", description = "Totals (all time, this month, this year), pending"
            + " payments, revenue by payment type and the last 12 months. Admins: the organization; trainers:"
            + " their clients. Every figure is a number, never null.")
    @APIResponse(responseCode = "200", description = "The dashboard", content = @Content(schema = @Schema(implementation = RevenueViews.Dashboard.class)))
    public JsonText dashboard() {
        return revenue.dashboardJson(caller);
    }

    @GET
    @Path("/report")
    @Operation(summary = "Revenue report", description = "Between two dates (both included, the organization's"
            + " days; default the last 30 days): totals, by method, by type and the top ten clients.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = RevenueViews.Report.class)))
    @APIResponse(responseCode = "400", description = "Invalid dates", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RevenueViews.Report report(@Parameter(description = "YYYY-MM-DD") @QueryParam("start_date") String startDate,
                                      @Parameter(description = "YYYY-MM-DD") @QueryParam("end_date") String endDate) {
        return revenue.report(caller, startDate, endDate);
    }
}
