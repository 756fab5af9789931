package com.fitnesscrm.common.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long cached read models live and how long the cache waits for Redis before computing without it. */
@ConfigMapping(prefix = "app.cache")
public interface ReadModelCacheConfig {

    /** Off: every read is computed from the database (for comparisons; production keeps it on). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The safety net behind invalidation: a cached view is recomputed at the latest after this long, so a write
     * that bypassed the services (a migration, a manual fix) or a lost invalidation heals on its own.
     */
    @WithDefault("PT2M")
    Duration readModelTtl();

    /** A Redis answer slower than this counts as an outage: the view is computed from the database instead. */
    @WithDefault("PT0.3S")
    Duration redisTimeout();

    /** After a failed Redis call the cache is bypassed this long before Redis is asked again. */
    @WithDefault("PT2S")
    Duration retryAfter();
}
