package com.fitnesscrm.common.observability;

import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SpanStatus;
import io.sentry.TransactionOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Performance traces of HTTP requests, sent to Sentry at {@code SENTRY_TRACES_SAMPLE_RATE}; a no-op (no
 * allocation, no Sentry call) when tracing is off, which is the default.
 */
@ApplicationScoped
public class Tracing {

    /** A request's trace; {@link #NONE} when not traced. */
    public interface Span {
        void finish(String route, int status);
    }

    static final Span NONE = (route, status) -> {
    };

    private final ErrorReporter reporter;

    public Tracing(ErrorReporter reporter) {
        this.reporter = reporter;
    }

    Span start(String method) {
        if (!reporter.tracingEnabled()) {
            return NONE;
        }
        TransactionOptions options = new TransactionOptions();
        options.setBindToScope(false);
        ITransaction transaction = Sentry.startTransaction(method, "http.server", options);
        return (route, status) -> {
            transaction.setName(method + " " + route);
            transaction.setStatus(SpanStatus.fromHttpStatusCode(status));
            transaction.finish();
        };
    }
}
