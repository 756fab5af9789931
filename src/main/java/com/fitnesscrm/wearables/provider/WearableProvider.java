package com.fitnesscrm.wearables.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One wearable provider, as the framework sees it: how to send a user to its consent page, trade the code for tokens,
 * refresh and revoke them, who the user is there, and how to fetch one data type over a time window in the
 * normalized model. An adapter is a CDI bean implementing this; the framework finds every adapter through CDI, so a
 * new provider (Garmin, Whoop, Oura, Terra) is one package implementing this interface and its webhook resource.
 */
public interface WearableProvider {

    /** The id in paths and rows: {@code fitbit}, {@code strava}. */
    String id();

    /** What users see: "Fitbit", "Strava". */
    String displayName();

    /** True when this server has the provider's credentials (a provider without them is listed, not offered). */
    boolean configured();

    /** The data types this provider can supply at all. */
    Set<DataType> supports();

    /** The data types the user granted, read from the scopes the provider reports for the grant. */
    Set<DataType> granted(String scopes);

    /** Whether the authorization request carries a PKCE S256 challenge (and the token request the verifier). */
    boolean usesPkce();

    /** The provider's consent page URL for this state, PKCE challenge (null when not used) and redirect URI. */
    String authorizationUrl(String state, String codeChallenge, String redirectUri);

    /** Trades an authorization code for tokens. {@code grantedScopes}: the callback's {@code scope}, if any. */
    Grant exchange(String code, String codeVerifier, String redirectUri, String grantedScopes);

    /** A fresh access token; a provider that rotates refresh tokens returns the new one. */
    Grant refresh(String refreshToken);

    /** Revokes the grant at the provider, where it has a revoke endpoint; failures are the caller's to ignore. */
    void revoke(String accessToken, String refreshToken);

    /** Who the user is at the provider (the id its webhooks name). */
    Identity identify(Grant grant, ProviderSession session);

    /** The guarded HTTP client every request to this provider goes through (its circuit breaker, its metrics). */
    ProviderHttp http();

    /**
     * Checks the grant still works with one cheap authenticated call (a Strava deauthorization event is unsigned,
     * so it is believed only when the provider itself refuses the token). Throws {@link ProviderFailure}.
     */
    void probe(ProviderSession session);

    /** The size of one fetch window: a backfill is split into windows of this length per data type. */
    Duration window(DataType type);

    /** Fetches one data type over [from, to) in the normalized model. */
    ProviderData fetch(DataType type, Instant from, Instant to, ProviderSession session);

    /** Fetches one object a webhook named (a Strava activity); providers without such webhooks never get this. */
    default ProviderData fetchObject(DataType type, String objectId, ProviderSession session) {
        throw new UnsupportedOperationException(id() + " fetches windows only");
    }

    /**
     * A pause the provider's answer asks for: its rate-limit headers at their limit (for every answer), or a 429's
     * window. Empty: go on.
     */
    Optional<Pause> pauseAfter(ProviderHttp.Response response);

    /** Tokens from the provider. {@code refreshToken} null: keep the one we have. */
    record Grant(String accessToken, String refreshToken, Instant expiresAt, String scopes, String providerUserId) {
        @Override
        public String toString() {
            return "Grant[expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
        }
    }

    record Identity(String userId, String legacyUserId) {
    }

    /** No request before {@code until}; {@code perUser}: only this connection's requests (else the whole app). */
    record Pause(Instant until, boolean perUser, String reason) {
    }
}
