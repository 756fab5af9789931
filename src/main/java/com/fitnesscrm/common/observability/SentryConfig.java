package com.fitnesscrm.common.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Error tracking (SENTRY_* variables): off while no DSN is set. */
@ConfigMapping(prefix = "app.sentry")
public interface SentryConfig {

    /** The project's DSN; unset or blank turns reporting off. */
    Optional<String> dsn();

    @WithDefault("production")
    String environment();

    /** Defaults to the build's version. */
    String release();

    /** Share of requests sent as performance traces; 0 sends none (errors are always sent). */
    @WithDefault("0")
    double tracesSampleRate();
}
