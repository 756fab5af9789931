package com.fitnesscrm.wearables.provider;

import java.time.Instant;

/**
 * Why a call to a provider did not give data. The sync queue decides from the kind what happens to the job: a rate
 * limit pauses it until the given time (not counted as a failure), a revoked grant marks the connection as needing
 * reconnection, an unavailable provider is retried with backoff, a refusal of our request is not retried.
 */
public class ProviderFailure extends RuntimeException {

    public enum Kind {
        /** 429 or a rate-limit header at its limit: wait until {@link #retryAt()}. */
        RATE_LIMITED,
        /** The user's grant is gone (invalid_grant, a 401 after a fresh token): they must connect again. */
        GRANT_REVOKED,
        /** 5xx, a timeout, a refused connection, an open circuit: retry later. */
        UNAVAILABLE,
        /** The provider refused our request (4xx other than the above): retrying will not help. */
        REJECTED
    }

    private final Kind kind;
    private final Instant retryAt;
    /** True when the rate limit is the user's own (per connection) rather than the app's. */
    private final boolean perUser;

    public ProviderFailure(Kind kind, String message, Instant retryAt, boolean perUser, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.retryAt = retryAt;
        this.perUser = perUser;
    }

    public static ProviderFailure rateLimited(String message, Instant retryAt, boolean perUser) {
        return new ProviderFailure(Kind.RATE_LIMITED, message, retryAt, perUser, null);
    }

    public static ProviderFailure revoked(String message) {
        return new ProviderFailure(Kind.GRANT_REVOKED, message, null, false, null);
    }

    public static ProviderFailure unavailable(String message, Throwable cause) {
        return new ProviderFailure(Kind.UNAVAILABLE, message, null, false, cause);
    }

    public static ProviderFailure rejected(String message) {
        return new ProviderFailure(Kind.REJECTED, message, null, false, null);
    }

    public Kind kind() {
        return kind;
    }

    public Instant retryAt() {
        return retryAt;
    }

    public boolean perUser() {
        return perUser;
    }
}
