package com.fitnesscrm.common.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * The shared error tracking: every unexpected failure of a request, a scheduled job or a background delivery is
 * reported here once, to Sentry when {@code SENTRY_DSN} is set (scrubbed by {@link SentryScrubber}), and counted
 * in {@code fitnesscrm_errors_reported_total} either way. Expected failures (bad input, a dependency outage) are
 * not reported: they are answered and counted where they happen.
 */
@ApplicationScoped
public class ErrorReporter {

    private static final Logger LOG = Logger.getLogger(ErrorReporter.class);

    private final SentryConfig config;
    private final MeterRegistry metrics;
    private volatile boolean enabled;

    public ErrorReporter(SentryConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        // Exported from the start (at 0), so the error-rate alert has a series before the first failure.
        for (String source : List.of("request", "job")) {
            metrics.counter("fitnesscrm.errors.reported", "source", source);
        }
        // Counted by the exception mappers, which are created on first use.
        metrics.counter("fitnesscrm.dependency.unavailable", "dependency", "database");
    }

    void start(@Observes StartupEvent started) {
        String dsn = config.dsn().map(String::trim).orElse("");
        if (dsn.isEmpty()) {
            LOG.info("Error tracking off (SENTRY_DSN is not set)");
            return;
        }
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setEnvironment(config.environment());
            options.setRelease(config.release());
            options.setTracesSampleRate(config.tracesSampleRate() > 0 ? config.tracesSampleRate() : null);
            options.setSendDefaultPii(false);
            options.setAttachThreads(false);
            options.setAttachServerName(false);
            // The dependency list of every event says nothing the release tag does not.
            options.setSendModules(false);
            options.setBeforeSend((event, hint) -> SentryScrubber.scrub(event));
            options.setBeforeBreadcrumb((breadcrumb, hint) -> SentryScrubber.scrub(breadcrumb));
        });
        enabled = true;
        LOG.infof("Error tracking on (environment %s, release %s)", config.environment(), config.release());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (enabled) {
            Sentry.close();
        }
    }

    /** Whether requests may be traced (a DSN and a positive sample rate). */
    boolean tracingEnabled() {
        return enabled && config.tracesSampleRate() > 0;
    }

    /** A request answered 500: reported with the reference the caller was given and the request's route. */
    public void requestFailed(Throwable error, String reference, RequestFacts request) {
        count("request");
        if (!enabled) {
            return;
        }
        Sentry.captureException(error, scope -> {
            scope.setLevel(SentryLevel.ERROR);
            scope.setTag("reference", reference);
            tag(scope, "request_id", request.requestId());
            tag(scope, "route", request.route());
            tag(scope, "http.method", request.method());
            tag(scope, "user_id", request.userId());
            tag(scope, "organization_id", request.organizationId());
            // One issue per route and failure type, whatever the ids in the message.
            if (request.route() != null) {
                scope.setFingerprint(List.of("{{ default }}", request.route()));
            }
        });
    }

    /** A scheduled job's run failed; a database outage is counted as one, not reported (it will fail every run). */
    public void jobFailed(String job, String runId, Throwable error) {
        if (Outages.databaseUnreachable(error)) {
            metrics.counter("fitnesscrm.dependency.unavailable", "dependency", "database").increment();
            return;
        }
        count("job");
        if (!enabled) {
            return;
        }
        Sentry.captureException(error, scope -> {
            scope.setLevel(SentryLevel.ERROR);
            scope.setTag("job", job);
            tag(scope, "job_run_id", runId);
        });
    }

    /** Background work that gave up without an exception in hand (an email dropped after its last attempt). */
    public void gaveUp(String source, String message, Map<String, String> tags) {
        count(source);
        if (!enabled) {
            return;
        }
        Sentry.captureMessage(message, SentryLevel.ERROR, scope -> {
            scope.setTag("source", source);
            tags.forEach((k, v) -> tag(scope, k, v));
        });
    }

    private void count(String source) {
        metrics.counter("fitnesscrm.errors.reported", "source", source).increment();
    }

    private static void tag(io.sentry.IScope scope, String key, String value) {
        if (value != null) {
            scope.setTag(key, value);
        }
    }
}
