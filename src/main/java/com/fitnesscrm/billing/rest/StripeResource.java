package com.fitnesscrm.billing.rest;

import com.fitnesscrm.billing.api.BillingAccountView;
import com.fitnesscrm.billing.api.PaymentRequests;
import com.fitnesscrm.billing.api.StripeRequests;
import com.fitnesscrm.billing.api.SubscriptionViews;
import com.fitnesscrm.billing.service.CheckoutService;
import com.fitnesscrm.billing.service.StripeService;
import com.fitnesscrm.billing.service.StripeWebhooks;
import com.fitnesscrm.billing.service.SubscriptionService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.QueryValues;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/stripe")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Stripe", description = "Card payments on behalf of the organization's connected Stripe account")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "503", description = "Stripe is not configured or unavailable (nothing was charged)", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class StripeResource {

    private final StripeService stripe;
    private final StripeWebhooks webhooks;
    private final SubscriptionService subscriptions;
    private final CheckoutService checkout;
    private final CurrentUser caller;

    public StripeResource(StripeService stripe, StripeWebhooks webhooks, SubscriptionService subscriptions,
                          CheckoutService checkout, CurrentUser caller) {
        this.subscriptions = subscriptions;
        this.checkout = checkout;
        this.stripe = stripe;
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @GET
    @Path("/config")
    @PermitAll
    @SecurityRequirement(name = "none")
    @Operation(summary = "Stripe.js's publishable key", description = "Public by design; no secret is ever returned.")
    @APIResponse(responseCode = "200", description = "The key", content = @Content(schema = @Schema(implementation = StripeRequests.Config.class)))
    public StripeRequests.Config config() {
        return stripe.config();
    }

    @POST
    @Path("/connect/onboarding")
    @Operation(summary = "Connect the organization's Stripe account", description = "Admins. Creates the connected"
            + " account once, and returns a fresh onboarding link each time.")
    @APIResponse(responseCode = "200", description = "The link", content = @Content(schema = @Schema(implementation = StripeRequests.Onboarding.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StripeRequests.Onboarding onboarding() {
        return stripe.onboarding(caller);
    }

    @GET
    @Path("/connect/status")
    @Operation(summary = "The connected account's state, read from Stripe now")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(implementation = BillingAccountView.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "No account connected yet", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public BillingAccountView status() {
        return stripe.refreshAccount(caller);
    }

    @POST
    @Path("/create-payment-intent")
    @Operation(summary = "Start a card payment", description = "Records a pending payment, then creates its"
            + " PaymentIntent (idempotency key payment-<id>) for Stripe.js to confirm with the card. The money is"
            + " recorded when Stripe says it succeeded.")
    @APIResponse(responseCode = "201", description = "Started", content = @Content(schema = @Schema(implementation = StripeRequests.PaymentIntentCreated.class)))
    @APIResponse(responseCode = "400", description = "Invalid amount, currency or product", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A client paying for someone else", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The organization has no Stripe account connected", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response createPaymentIntent(@Valid @NotNull StripeRequests.CreatePaymentIntent request) {
        return Response.status(201).entity(stripe.createPaymentIntent(caller, request)).build();
    }

    @POST
    @Path("/confirm-payment")
    @Operation(summary = "Bring a payment up to date after Stripe.js confirmed it", description = "Reads the"
            + " PaymentIntent from Stripe and applies it, as its webhook does; whichever comes first records it.")
    @APIResponse(responseCode = "200", description = "The payment", content = @Content(schema = @Schema(implementation = PaymentRequests.PaymentSaved.class)))
    @APIResponse(responseCode = "404", description = "No such payment for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PaymentRequests.PaymentSaved confirmPayment(@Valid @NotNull StripeRequests.ConfirmPayment request) {
        return new PaymentRequests.PaymentSaved("Payment updated", stripe.confirmPayment(caller, request));
    }

    @POST
    @Path("/checkout-session")
    @Operation(summary = "A hosted Stripe Checkout page for a product", description = "A package or a single"
            + " session is paid once (a pending payment, key checkout-payment-<id>); a membership subscribes (a"
            + " pending subscription, key checkout-subscription-<id>). The return URLs must be pages of the SPA.")
    @APIResponse(responseCode = "201", description = "Send the browser to url", content = @Content(schema = @Schema(implementation = SubscriptionViews.CheckoutCreated.class)))
    @APIResponse(responseCode = "400", description = "No such product on sale, or a return URL elsewhere", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A client paying for someone else", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "No Stripe account connected, or the membership is held already", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response checkoutSession(@Valid @NotNull SubscriptionViews.CreateCheckout request) {
        return Response.status(201).entity(checkout.create(caller, request)).build();
    }

    @POST
    @Path("/create-subscription")
    @Operation(summary = "Subscribe a client to a membership", description = "Records a pending subscription, then"
            + " creates it in Stripe (key subscription-<id>) with its first invoice waiting for the card: hand"
            + " client_secret to Stripe.js. It turns active when Stripe says the invoice is paid.")
    @APIResponse(responseCode = "201", description = "Started", content = @Content(schema = @Schema(implementation = SubscriptionViews.SubscriptionCreated.class)))
    @APIResponse(responseCode = "400", description = "No such membership on sale", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A client subscribing someone else", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "No Stripe account connected, or the membership is held already", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response createSubscription(@Valid @NotNull SubscriptionViews.CreateSubscription request) {
        return Response.status(201).entity(subscriptions.create(caller, request)).build();
    }

    @POST
    @Path("/cancel-subscription")
    @Operation(summary = "Cancel a membership", description = "At the end of the period paid for (the default), or"
            + " now (at_period_end false). The client themself or their staff.")
    @APIResponse(responseCode = "200", description = "The subscription as Stripe has it now", content = @Content(schema = @Schema(implementation = SubscriptionViews.SubscriptionSaved.class)))
    @APIResponse(responseCode = "400", description = "No subscription named", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such subscription for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Not started in Stripe, or ended already", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SubscriptionViews.SubscriptionSaved cancelSubscription(
            @Valid @NotNull SubscriptionViews.CancelSubscription request) {
        SubscriptionViews.SubscriptionView canceled = subscriptions.cancel(caller, request);
        return new SubscriptionViews.SubscriptionSaved(canceled.cancelAtPeriodEnd() && canceled.endedAt() == null
                ? "Subscription cancels at the end of the period" : "Subscription canceled", canceled);
    }

    @POST
    @Path("/refund")
    @Operation(summary = "Refund a Stripe payment, in full or in part", description = "Staff. Never more than is"
            + " left to refund; the idempotency key names our refund record.")
    @APIResponse(responseCode = "200", description = "The payment after the refund", content = @Content(schema = @Schema(implementation = PaymentRequests.PaymentSaved.class)))
    @APIResponse(responseCode = "400", description = "More than is left, or not a positive amount", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such payment for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Not a Stripe payment, not received, or refunded already", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PaymentRequests.PaymentSaved refund(@Valid @NotNull StripeRequests.Refund request) {
        return new PaymentRequests.PaymentSaved("Refund requested", stripe.refund(caller, request));
    }

    @GET
    @Path("/payment-methods/{customer_id}")
    @Operation(summary = "A client's saved cards", description = "customer_id is our client id (or the client's"
            + " Stripe customer id). Brand and last four digits only.")
    @APIResponse(responseCode = "200", description = "The cards", content = @Content(schema = @Schema(implementation = StripeRequests.PaymentMethods.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StripeRequests.PaymentMethods paymentMethods(@PathParam("customer_id") String customerId) {
        return stripe.paymentMethods(caller, stripe.clientOfCustomer(caller, customerId));
    }

    @GET
    @Path("/events")
    @Operation(summary = "Webhook events received for the organization", description = "Admins. Newest first, with"
            + " what became of each and how many times Stripe delivered it.")
    @APIResponse(responseCode = "200", description = "The events", content = @Content(schema = @Schema(implementation = StripeRequests.EventList.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StripeRequests.EventList events(@QueryParam("limit") String limit) {
        Integer n = QueryValues.integer("limit", limit);
        if (n != null && (n < 1 || n > 1000)) {
            throw ApiException.invalidField("limit", "must be between 1 and 1000");
        }
        return webhooks.events(caller, n == null ? 100 : n);
    }

    @POST
    @Path("/events/{event_id}/replay")
    @Operation(summary = "Process a failed or ignored event again", description = "Admins. Its effect still applies"
            + " at most once.")
    @APIResponse(responseCode = "200", description = "Queued", content = @Content(schema = @Schema(implementation = StripeRequests.EventRecord.class)))
    @APIResponse(responseCode = "404", description = "No such event for the organization", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Processed or pending already", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StripeRequests.EventRecord replay(@PathParam("event_id") String eventId) {
        return webhooks.replay(caller, eventId).orElseThrow(() -> ApiException.notFound("Event"));
    }
}
