package com.fitnesscrm.billing.service;

import com.fitnesscrm.common.error.ApiException;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;

/**
 * Every call to Stripe goes through here, with the official SDK pointed at {@code STRIPE_API_BASE}: an idempotency
 * key derived from our own record (so a retry, ours or after a crash, can never charge twice: Stripe replays the
 * first answer), the SDK's connect and read timeouts, retries with backoff on transient failures (network, 429,
 * 5xx: the same key each time), and one circuit breaker for Stripe as a whole. Stripe's own answers to bad
 * requests (a declined card, an invalid parameter) are not retried: they become 4xx answers naming the reason.
 */
@ApplicationScoped
public class StripeGateway {

    private static final Logger LOG = Logger.getLogger(StripeGateway.class);

    /** A call with the client and the request options it must use. */
    @FunctionalInterface
    public interface Call<T> {
        T apply(StripeClient client, RequestOptions options) throws StripeException;
    }

    private final StripeConfig config;
    private final MeterRegistry metrics;
    private volatile StripeClient client;

    public StripeGateway(StripeConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public boolean configured() {
        return config.configured();
    }

    /**
     * Runs {@code call} with {@code idempotencyKey} (null for reads) on the platform account, or on
     * {@code connectedAccount} when given (the {@code Stripe-Account} header).
     */
    @Timeout(value = 45, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 250, jitter = 150, retryOn = StripeUnavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 20, delayUnit = ChronoUnit.SECONDS,
            failOn = StripeUnavailable.class)
    public <T> T call(String operation, String idempotencyKey, String connectedAccount, Call<T> call) {
        StripeClient stripe = client();
        RequestOptions.RequestOptionsBuilder options = RequestOptions.builder();
        if (idempotencyKey != null) {
            options.setIdempotencyKey(idempotencyKey);
        }
        if (connectedAccount != null) {
            options.setStripeAccount(connectedAccount);
        }
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "ok";
        try {
            return call.apply(stripe, options.build());
        } catch (ApiConnectionException | RateLimitException e) {
            outcome = "unavailable";
            throw unavailable(operation, e);
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            if (status == null || status >= 500 || status == 409 && !(e instanceof IdempotencyException)) {
                outcome = "unavailable";
                throw unavailable(operation, e);
            }
            outcome = "refused";
            throw refused(e);
        } finally {
            sample.stop(Timer.builder("fitnesscrm.provider.calls").tag("provider", "stripe")
                    .tag("operation", operation).tag("outcome", outcome)
                    .description("Calls to external providers, by outcome").register(metrics));
        }
    }

    private StripeUnavailable unavailable(String operation, StripeException e) {
        LOG.warnf("Stripe %s failed (will retry or open the breaker): %s %s", operation, e.getStatusCode(),
                e.getClass().getSimpleName());
        return new StripeUnavailable("Stripe is unavailable (" + operation + ")", e);
    }

    /** Stripe refused the request itself: the caller sees why (a card declined, an amount Stripe rejects). */
    private static ApiException refused(StripeException e) {
        String code = e.getCode() == null ? "stripe_error" : e.getCode();
        String message = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : "Stripe refused the request";
        int status = e.getStatusCode() == 402 ? 402 : e.getStatusCode() == 404 ? 404 : 400;
        if (e instanceof IdempotencyException) {
            status = 409;
        }
        return new ApiException(status, code, message);
    }

    private StripeClient client() {
        StripeClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    if (!config.configured()) {
                        throw new ApiException(503, "stripe_not_configured",
                                "Card payments are not set up on this server (STRIPE_SECRET_KEY)");
                    }
                    // The SDK's own retries are off: ours (above) are counted by the circuit breaker and reuse
                    // the same idempotency key.
                    client = StripeClient.builder()
                            .setApiKey(config.secretKey().orElseThrow())
                            .setApiBase(config.apiBase())
                            .setConnectBase(config.apiBase())
                            .setFilesBase(config.apiBase())
                            .setMaxNetworkRetries(0)
                            .setConnectTimeout((int) config.connectTimeout().toMillis())
                            .setReadTimeout((int) config.readTimeout().toMillis())
                            .build();
                }
                current = client;
            }
        }
        return current;
    }
}
