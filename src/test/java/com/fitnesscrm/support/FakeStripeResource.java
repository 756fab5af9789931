package com.fitnesscrm.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The local Stripe for the test run; the SDK is pointed at it through STRIPE_API_BASE's property. */
public class FakeStripeResource implements QuarkusTestResourceLifecycleManager {

    private static FakeStripe stripe;

    public static FakeStripe stripe() {
        return stripe;
    }

    @Override
    public Map<String, String> start() {
        try {
            stripe = new FakeStripe();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("app.stripe.api-base", stripe.url(),
                "app.stripe.secret-key", FakeStripe.SECRET_KEY,
                "app.stripe.webhook-secret", FakeStripe.WEBHOOK_SECRET);
    }

    @Override
    public void stop() {
        if (stripe != null) {
            stripe.stop();
        }
    }
}
