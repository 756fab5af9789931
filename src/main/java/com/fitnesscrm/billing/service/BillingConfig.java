package com.fitnesscrm.billing.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Billing's own settings (the Stripe account's are {@link StripeConfig}). */
@ConfigMapping(prefix = "app.billing")
public interface BillingConfig {

    /**
     * How often a replica looks for overdue payments and invoices to remind of (a duration such as {@code 5m}, or
     * {@code off}); read by the scheduler from {@code app.billing.reminders-interval}.
     */
    @WithDefault("5m")
    String remindersInterval();
}
