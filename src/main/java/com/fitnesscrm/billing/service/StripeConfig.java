package com.fitnesscrm.billing.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The platform's Stripe account (STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET, the variables
 * the original app used) and where the SDK sends its calls (STRIPE_API_BASE: the local fake in tests). Without a
 * secret key the Stripe endpoints answer 503 "not configured"; the ledger works either way.
 */
@ConfigMapping(prefix = "app.stripe")
public interface StripeConfig {

    Optional<String> secretKey();

    Optional<String> publishableKey();

    /** The webhook endpoint's signing secret ({@code whsec_…}); without it every webhook is refused. */
    Optional<String> webhookSecret();

    /** Stripe's API, or a stand-in (STRIPE_API_BASE). */
    @WithDefault("https://api.stripe.com")
    String apiBase();

    /** How old a webhook's signed timestamp may be (Stripe's libraries default to 5 minutes). */
    @WithDefault("PT5M")
    Duration webhookTolerance();

    /** The platform's fee on each payment, in hundredths of a percent (STRIPE_PLATFORM_FEE_BPS; 250 = 2.5 %). */
    @WithDefault("0")
    int platformFeeBps();

    @WithDefault("PT5S")
    Duration connectTimeout();

    @WithDefault("PT20S")
    Duration readTimeout();

    /** Where Connect onboarding sends the admin back to (the SPA's settings page). */
    @WithDefault("http://localhost:5173/settings.html")
    String connectReturnUrl();

    /** How often each replica looks for webhook events to process (they are also processed on arrival). */
    @WithDefault("2s")
    Duration eventsInterval();

    default boolean configured() {
        return secretKey().filter(k -> !k.isBlank()).isPresent();
    }
}
