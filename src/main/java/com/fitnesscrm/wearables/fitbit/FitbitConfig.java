package com.fitnesscrm.wearables.fitbit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The Google Health API app (GOOGLE_HEALTH_*, GOOGLE_OAUTH_*): Fitbit devices' data since the legacy Fitbit Web API
 * was switched off (2026-11-02). Hosts default to Google's; tests and staging point them at fakes.
 */
@ConfigMapping(prefix = "app.wearables.fitbit")
public interface FitbitConfig {

    Optional<String> clientId();

    Optional<String> clientSecret();

    /** The subscriber's endpointAuthorization secret: the whole Authorization header value Google sends. */
    Optional<String> webhookSecret();

    /** Google Health's ECDSA P-256 public key (PEM or base64 DER) for X-HEALTHAPI-SIGNATURE; unset: not checked. */
    Optional<String> webhookPublicKey();

    @WithDefault("https://health.googleapis.com/v4")
    String apiBase();

    @WithDefault("https://accounts.google.com")
    String authBase();

    @WithDefault("https://oauth2.googleapis.com")
    String tokenBase();
}
