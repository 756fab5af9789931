package com.fitnesscrm.billing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@RegisterForReflection
@Schema(name = "BillingAccount", description = "The organization's currency and its Stripe account")
public record BillingAccountView(
        @Schema(example = "USD") String currency,
        @Schema(description = "The connected Stripe account, once onboarding started") String stripeAccountId,
        boolean chargesEnabled,
        boolean payoutsEnabled,
        boolean detailsSubmitted) {

    @Schema(name = "BillingAccountRequest", description = "The currency can change only while no payment or"
            + " product uses another")
    public record Update(@Schema(example = "EUR") String currency) {
    }
}
