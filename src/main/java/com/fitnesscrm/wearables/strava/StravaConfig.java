package com.fitnesscrm.wearables.strava;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Strava's app credentials and hosts (STRAVA_*); the hosts default to Strava's, tests point them at a fake. */
@ConfigMapping(prefix = "app.wearables.strava")
public interface StravaConfig {

    Optional<String> clientId();

    Optional<String> clientSecret();

    /** Our hub.verify_token: Strava's subscription validation must echo it (STRAVA_VERIFY_TOKEN). */
    Optional<String> verifyToken();

    /** Our push subscription's id, when known: events for another subscription are ignored. */
    Optional<Long> subscriptionId();

    @WithDefault("https://www.strava.com/api/v3")
    String apiBase();

    /** Where /oauth/authorize, /oauth/token and /oauth/deauthorize live. */
    @WithDefault("https://www.strava.com")
    String authBase();
}
