package com.fitnesscrm.common.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/** How request timings are exported: as Prometheus histograms with fixed buckets, so p95 can be computed and alerted. */
public class MetricsSetup {

    /**
     * Buckets around the service's targets (p95 ≤ 100 ms for reads, the 200 ms alert): a dozen per route and status,
     * instead of Micrometer's ~70, keeps the series count small.
     */
    static final Duration[] HTTP_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    @Produces
    @Singleton
    MeterFilter requestHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(java.util.Arrays.stream(HTTP_BUCKETS)
                                .mapToDouble(Duration::toNanos).toArray())
                        .build().merge(config);
            }
        };
    }
}
