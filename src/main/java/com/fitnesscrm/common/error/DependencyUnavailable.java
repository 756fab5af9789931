package com.fitnesscrm.common.error;

/**
 * A service we depend on (Stripe, Twilio, a wearable provider) is down or refusing us for now: the caller gets a 503
 * with Retry-After in the JSON error shape, the metrics count it per dependency, and it is not reported as a bug.
 */
public class DependencyUnavailable extends RuntimeException {

    private final String dependency;

    public DependencyUnavailable(String dependency, String message, Throwable cause) {
        super(message, cause, false, false);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
