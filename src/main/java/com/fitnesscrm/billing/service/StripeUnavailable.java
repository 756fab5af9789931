package com.fitnesscrm.billing.service;

import com.fitnesscrm.common.error.DependencyUnavailable;

/**
 * Stripe could not be reached or answered with a transient failure (timeout, 429, 5xx) after the retries: the
 * caller gets a 503, and the circuit breaker counts it.
 */
public class StripeUnavailable extends DependencyUnavailable {

    public StripeUnavailable(String message, Throwable cause) {
        super("stripe", message, cause);
    }
}
