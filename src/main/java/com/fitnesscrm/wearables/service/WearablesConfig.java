package com.fitnesscrm.wearables.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the wearable framework syncs; each provider's credentials are in its own mapping (app.wearables.<id>). */
@ConfigMapping(prefix = "app.wearables")
public interface WearablesConfig {

    /** How long a connect link (its state and PKCE verifier) stays usable. */
    @WithDefault("10m")
    Duration stateTtl();

    /** The history fetched on connect. */
    @WithDefault("90")
    int backfillDays();

    /** How often each replica looks for due sync jobs ({@code off} stops the worker: tests drive it). */
    @WithDefault("2s")
    String queueInterval();

    /** How often each replica looks for connections whose daily sync is due. */
    @WithDefault("10m")
    String dailyInterval();

    /** Jobs one worker run takes at most before letting the next run continue. */
    @WithDefault("200")
    int jobsPerRun();

    /** Attempts before a failing job is given up (marked failed, its error kept on the connection). */
    @WithDefault("8")
    int maxAttempts();

    /** The first retry delay of a failed job; doubled per attempt, capped at an hour. */
    @WithDefault("30s")
    Duration retryDelay();

    /** A token that expires within this is refreshed before use. */
    @WithDefault("2m")
    Duration refreshAhead();

    /** Delay before the in-call retry of a transient failure (doubled per retry). */
    @WithDefault("300")
    long httpRetryDelayMillis();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("20s")
    Duration requestTimeout();
}
