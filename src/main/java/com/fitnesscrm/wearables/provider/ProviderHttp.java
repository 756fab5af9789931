package com.fitnesscrm.wearables.provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every request to one wearable provider goes through its own instance: a connect and a request timeout, retries
 * with exponential backoff on transient failures (network errors, timeouts, 5xx), and a circuit breaker for that
 * provider alone, so one provider's outage neither slows the others nor gets hammered. A 429 is not retried here:
 * the sync queue pauses and comes back when the provider's rate-limit window allows. Built on the JDK's HTTP client
 * (no extra dependency, and it works in a native image) guarded by SmallRye Fault Tolerance's programmatic API.
 */
public final class ProviderHttp {

    /** A provider's answer; the body as text (every provider here answers JSON). */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Retry-After in seconds (at least 1), or 60 when absent or not a number of seconds. */
        public long retryAfterSeconds() {
            try {
                return Math.max(1, Long.parseLong(header("Retry-After").orElse("60").trim()));
            } catch (NumberFormatException e) {
                return 60;
            }
        }
    }

    private final String provider;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Guard guard;
    private final MeterRegistry metrics;

    public ProviderHttp(String provider, Duration connectTimeout, Duration requestTimeout, MeterRegistry metrics,
                        long retryDelayMillis) {
        this.provider = provider;
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.guard = Guard.create().withDescription("wearable provider " + provider)
                .withRetry().maxRetries(3).delay(retryDelayMillis, ChronoUnit.MILLIS).jitter(retryDelayMillis / 2,
                        ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2).maxDelay(5, ChronoUnit.SECONDS).done()
                .whenException(e -> e instanceof ProviderFailure f && f.kind() == ProviderFailure.Kind.UNAVAILABLE)
                .done()
                .withCircuitBreaker().name("wearables-" + provider).requestVolumeThreshold(20).failureRatio(0.5)
                .delay(20, ChronoUnit.SECONDS)
                .when(e -> e instanceof ProviderFailure f && f.kind() == ProviderFailure.Kind.UNAVAILABLE)
                .done()
                .build();
    }

    public String provider() {
        return provider;
    }

    /**
     * Sends the request (each retry sends it again as built). 5xx answers and network failures are retried, then
     * thrown as {@link ProviderFailure.Kind#UNAVAILABLE}; every other answer is returned for the adapter to read.
     */
    public Response send(HttpRequest request) {
        try {
            return guard.call(() -> once(request), Response.class);
        } catch (ProviderFailure e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
                count("circuit_open");
                throw ProviderFailure.unavailable(provider + " is failing: its circuit breaker is open", e);
            }
            throw ProviderFailure.unavailable(provider + " request failed: " + e.getMessage(), e);
        }
    }

    /**
     * Sends the request once, without the in-call retries (token exchanges: a code is single use, and a refresh
     * Strava answered but we did not hear may already have rotated the token). Failures are the caller's to retry.
     */
    public Response sendOnce(HttpRequest request) {
        return once(request);
    }

    private Response once(HttpRequest request) {
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(requestTimeout).build();
        HttpResponse<String> response;
        try {
            response = client.send(timed, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            count("network_error");
            throw ProviderFailure.unavailable(provider + " did not answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderFailure.unavailable(provider + " request interrupted", e);
        }
        int status = response.statusCode();
        count(status >= 500 ? "5xx" : status == 429 ? "429" : status >= 400 ? "4xx" : "ok");
        if (status >= 500) {
            throw ProviderFailure.unavailable(provider + " answered " + status, null);
        }
        return new Response(status, response.headers().map(), response.body());
    }

    private void count(String outcome) {
        metrics.counter("fitnesscrm.wearables.provider.requests", "provider", provider, "outcome", outcome)
                .increment();
    }

    /** A form body ({@code application/x-www-form-urlencoded}), in the given order. */
    public static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static URI uri(String base, String pathAndQuery) {
        return URI.create(base.replaceAll("/+$", "") + pathAndQuery);
    }
}
