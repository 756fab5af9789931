package com.fitnesscrm.billing.rest;

import com.fitnesscrm.billing.api.StripeRequests;
import com.fitnesscrm.billing.service.StripeWebhooks;
import com.fitnesscrm.common.error.ApiError;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;

/** Stripe's deliveries: no bearer token, the signature is the authentication. */
@Path("/api/stripe/webhook")
@PermitAll
@Tag(name = "Stripe")
public class StripeWebhookResource {

    private final StripeWebhooks webhooks;

    public StripeWebhookResource(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "none")
    @Operation(summary = "Stripe's webhook", description = "Platform and Connect events. The Stripe-Signature header"
            + " is verified against the raw body (5-minute tolerance) before anything is read; the event is stored"
            + " under its id and processed once, asynchronously. A redelivery is answered 200 and changes nothing.")
    @APIResponse(responseCode = "200", description = "Received", content = @Content(schema = @Schema(implementation = StripeRequests.WebhookReceived.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid signature, or not an event", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Webhooks are not configured", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StripeRequests.WebhookReceived receive(byte[] body, @HeaderParam("Stripe-Signature") String signature) {
        // The bytes as received: the signature covers them exactly.
        StripeWebhooks.Received received = webhooks.receive(new String(body, StandardCharsets.UTF_8), signature,
                (String) MDC.get("request_id"));
        return new StripeRequests.WebhookReceived(true, received.eventId(), received.status());
    }
}
