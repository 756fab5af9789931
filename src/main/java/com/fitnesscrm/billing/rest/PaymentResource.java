package com.fitnesscrm.billing.rest;

import com.fitnesscrm.billing.api.PackageView;
import com.fitnesscrm.billing.api.PaymentRequests;
import com.fitnesscrm.billing.api.PaymentView;
import com.fitnesscrm.billing.api.RevenueViews;
import com.fitnesscrm.billing.api.SubscriptionViews;
import com.fitnesscrm.billing.service.PackageService;
import com.fitnesscrm.billing.service.PaymentCsv;
import com.fitnesscrm.billing.service.PaymentReminders;
import com.fitnesscrm.billing.service.PaymentService;
import com.fitnesscrm.billing.service.RevenueService;
import com.fitnesscrm.billing.service.SubscriptionService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.CsvExport;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.QueryValues;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Payments", description = "The ledger: payments recorded by hand or through Stripe, refunds, packages")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class PaymentResource {

    private final PaymentService payments;
    private final PackageService packages;
    private final RevenueService revenue;
    private final SubscriptionService subscriptions;
    private final PaymentReminders reminders;
    private final CurrentUser caller;

    public PaymentResource(PaymentService payments, PackageService packages, RevenueService revenue,
                           SubscriptionService subscriptions, PaymentReminders reminders, CurrentUser caller) {
        this.subscriptions = subscriptions;
        this.reminders = reminders;
        this.payments = payments;
        this.packages = packages;
        this.revenue = revenue;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List payments", description = "Newest first. Admins: the organization's; trainers: their"
            + " clients'; a client: their own. Dates filter on when the money was received (or, unpaid, recorded).")
    @APIResponse(responseCode = "200", description = "A page of payments", content = @Content(schema = @Schema(implementation = PaymentRequests.PaymentPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "client_id names a client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PaymentRequests.PaymentPage list(@QueryParam("client_id") String clientId,
                                            @Parameter(description = "pending, succeeded, failed, partially_refunded, refunded, void") @QueryParam("status") String status,
                                            @Parameter(description = "package, membership, session, other") @QueryParam("payment_type") String paymentType,
                                            @Parameter(description = "card, cash, bank_transfer, check, other") @QueryParam("method") String method,
                                            @QueryParam("start_date") String startDate,
                                            @QueryParam("end_date") String endDate,
                                            @QueryParam("page") String page,
                                            @Parameter(description = "1 to 1000 (default 25)") @QueryParam("per_page") String perPage) {
        return payments.list(caller, filter(clientId, status, paymentType, method, startDate, endDate),
                PageRequest.parse(page, perPage));
    }

    @GET
    @Path("/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Export payments as CSV", description = "Staff only; the list's filters, oldest first, up to"
            + " 50,000 rows. Amounts in major units of the currency.")
    @APIResponse(responseCode = "200", description = "The CSV file", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "A client", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response export(@QueryParam("client_id") String clientId, @QueryParam("status") String status,
                           @QueryParam("payment_type") String paymentType, @QueryParam("method") String method,
                           @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate) {
        var rows = payments.export(caller, filter(clientId, status, paymentType, method, startDate, endDate),
                PaymentCsv.MAX_ROWS);
        return CsvExport.download(PaymentCsv.write(rows), "payments.csv");
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a payment")
    @APIResponse(responseCode = "200", description = "The payment", content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "404", description = "No such payment for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PaymentView get(@PathParam("id") long id) {
        return payments.find(caller, id).orElseThrow(() -> ApiException.notFound("Payment"));
    }

    @POST
    @Operation(summary = "Record a payment", description = "Cash, bank transfer or cheque, recorded by an admin or"
            + " the client's trainer. Card payments go through Stripe (/api/stripe/*).")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = PaymentRequests.PaymentSaved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (a zero or negative amount, another currency)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The client does not exist or is not the caller's", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull PaymentRequests.Save request) {
        return Response.status(201)
                .entity(new PaymentRequests.PaymentSaved("Payment recorded", payments.create(caller, request)))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a payment", description = "Fields present are changed. pending → succeeded records"
            + " the money. Stripe payments take only description, reference and notes (409 otherwise).")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = PaymentRequests.PaymentSaved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such payment for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Void, or a Stripe payment", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PaymentRequests.PaymentSaved update(@PathParam("id") long id, @Valid @NotNull PaymentRequests.Save request) {
        return new PaymentRequests.PaymentSaved("Payment updated",
                payments.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Payment")));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Void a payment", description = "It stays in the ledger as void and counts nowhere; the"
            + " package it bought stops paying for sessions. Stripe payments are refunded instead (409).")
    @APIResponse(responseCode = "200", description = "Voided", content = @Content(schema = @Schema(implementation = PaymentRequests.PaymentSaved.class)))
    @APIResponse(responseCode = "403", description = "A client", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such payment for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "A Stripe payment", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PaymentRequests.PaymentSaved delete(@PathParam("id") long id) {
        return new PaymentRequests.PaymentSaved("Payment voided",
                payments.voidPayment(caller, id).orElseThrow(() -> ApiException.notFound("Payment")));
    }

    @POST
    @Path("/{id}/refund")
    @Operation(summary = "Record a refund of a payment taken by hand", description = "All or part of what is not"
            + " refunded yet; refunded in full voids the package it bought.")
    @APIResponse(responseCode = "200", description = "Refunded", content = @Content(schema = @Schema(implementation = PaymentRequests.PaymentSaved.class)))
    @APIResponse(responseCode = "400", description = "More than is left to refund, or not a positive amount", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such payment for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Not received, refunded already, or a Stripe payment", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PaymentRequests.PaymentSaved refund(@PathParam("id") long id, @Valid @NotNull PaymentRequests.Refund request) {
        return new PaymentRequests.PaymentSaved("Refund recorded",
                payments.refundManual(caller, id, request).orElseThrow(() -> ApiException.notFound("Payment")));
    }

    @GET
    @Path("/client/{client_id}/summary")
    @Operation(summary = "A client's payments in figures", description = "Totals paid, refunded and pending, the"
            + " client's packages and the ten newest payments.")
    @APIResponse(responseCode = "200", description = "The summary", content = @Content(schema = @Schema(implementation = RevenueViews.ClientSummary.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RevenueViews.ClientSummary clientSummary(@PathParam("client_id") long clientId) {
        return revenue.clientSummary(caller, clientId).orElseThrow(() -> ApiException.notFound("Client"));
    }

    @GET
    @Path("/client/{client_id}/packages")
    @Operation(summary = "A client's session packages", description = "Newest first, with the sessions left.")
    @APIResponse(responseCode = "200", description = "The packages", content = @Content(schema = @Schema(implementation = PackageView.PackageList.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PackageView.PackageList packages(@PathParam("client_id") long clientId) {
        return new PackageView.PackageList(packages.ofClient(caller, clientId));
    }

    @GET
    @Path("/client/{client_id}/subscriptions")
    @Operation(summary = "A client's memberships", description = "Newest first, in the state Stripe last reported.")
    @APIResponse(responseCode = "200", description = "The subscriptions", content = @Content(schema = @Schema(implementation = SubscriptionViews.SubscriptionList.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SubscriptionViews.SubscriptionList subscriptions(@PathParam("client_id") long clientId) {
        return subscriptions.ofClient(caller, clientId);
    }

    @GET
    @Path("/client/{client_id}/invoices")
    @Operation(summary = "A client's invoices", description = "Newest first, each with Stripe's page of the invoice"
            + " and its receipt.")
    @APIResponse(responseCode = "200", description = "The invoices", content = @Content(schema = @Schema(implementation = SubscriptionViews.InvoiceList.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SubscriptionViews.InvoiceList invoices(@PathParam("client_id") long clientId) {
        return subscriptions.invoicesOf(caller, clientId);
    }

    @GET
    @Path("/reminders")
    @Operation(summary = "Payment reminders", description = "Overdue payments and invoices and failed card payments,"
            + " for the automation feature to send; newest first. Staff: their clients'; a client: their own.")
    @APIResponse(responseCode = "200", description = "A page of reminders", content = @Content(schema = @Schema(implementation = SubscriptionViews.ReminderPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "client_id names a client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SubscriptionViews.ReminderPage reminders(@QueryParam("client_id") String clientId,
                                                    @Parameter(description = "open (default), resolved, all") @QueryParam("status") String status,
                                                    @QueryParam("page") String page,
                                                    @Parameter(description = "1 to 1000 (default 25)") @QueryParam("per_page") String perPage) {
        return reminders.list(caller, QueryValues.id("client_id", clientId), status, PageRequest.parse(page, perPage));
    }

    private static PaymentRequests.Filter filter(String clientId, String status, String paymentType, String method,
                                                 String startDate, String endDate) {
        return new PaymentRequests.Filter(QueryValues.id("client_id", clientId), status, paymentType, method,
                startDate, endDate);
    }
}
