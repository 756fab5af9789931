package com.fitnesscrm.common.security;

import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sliding one-minute windows counted in Redis, so a limit holds across every replica. Each minute has a counter;
 * a request is judged on this minute's count plus last minute's, weighted by how much of last minute still lies
 * within the past 60 seconds. Unlike fixed windows, a burst straddling a minute boundary cannot get twice the limit.
 * When Redis cannot be reached, ordinary API limits fail open (the API keeps serving) while credential limits
 * fail closed: a brute-force attempt must never gain from an outage.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    public enum Bucket { AUTH_IP, AUTH_ACCOUNT, API_IP }

    /** Outcome of one counted request. {@code degraded} means Redis could not be asked. */
    public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds, boolean degraded) {
    }

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final AppConfig config;
    private final AtomicReference<Instant> lastRedisFailure = new AtomicReference<>();

    public RateLimiter(ReactiveRedisDataSource redis, AppConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.config = config;
    }

    public Uni<Decision> hit(Bucket bucket, String subject) {
        long limit = bucket == Bucket.API_IP ? config.rateLimit().apiPerMinute() : config.rateLimit().authPerMinute();
        return hit(bucket.name().toLowerCase(Locale.ROOT), subject, limit, Duration.ofMinutes(1),
                bucket != Bucket.API_IP);
    }

    /**
     * Counts one request of {@code subject} against a limit of {@code limit} per sliding {@code window} (the same
     * algorithm as the per-minute limits, with windows of any length: uploads are limited per hour).
     * {@code failClosed}: refuse while Redis cannot be asked (credential limits) instead of serving.
     */
    public Uni<Decision> hit(String scope, String subject, long limit, Duration window, boolean failClosed) {
        long windowMillis = window.toMillis();
        long nowMillis = Instant.now().toEpochMilli();
        long index = nowMillis / windowMillis;
        double previousWeight = 1.0 - (nowMillis % windowMillis) / (double) windowMillis;
        long retryAfter = Math.max(1, ((index + 1) * windowMillis - nowMillis + 999) / 1000);
        String prefix = "rl:" + scope + ":" + subject + ":";
        String key = prefix + index;
        Duration keep = window.multipliedBy(2).plusSeconds(5);
        Uni<Long> current = counters.incr(key)
                .call(count -> count == 1 ? keys.expire(key, keep) : Uni.createFrom().voidItem());
        Uni<Long> previous = counters.get(prefix + (index - 1)).map(count -> count == null ? 0L : count);
        return Uni.combine().all().unis(current, previous).asTuple()
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .map(counts -> {
                    if (lastRedisFailure.getAndSet(null) != null) {
                        LOG.info("Rate limiter reaches Redis again");
                    }
                    double estimate = counts.getItem1() + counts.getItem2() * previousWeight;
                    return new Decision(estimate <= limit, limit, Math.max(0, (long) Math.floor(limit - estimate)),
                            retryAfter, false);
                })
                .onFailure().recoverWithItem(failure -> {
                    Instant previousFailure = lastRedisFailure.getAndSet(Instant.now());
                    // One line per outage, not one per request.
                    if (previousFailure == null) {
                        LOG.warnf("Rate limiter cannot reach Redis (%s): serving without API limits and refusing"
                                + " credential requests until it answers again", failure.getMessage());
                    }
                    return new Decision(!failClosed, limit, 0, retryAfter, true);
                });
    }

    /**
     * For services on worker threads: counts one action of a user against a per-window limit and throws 429 (with
     * Retry-After) when over it. Serves on when Redis is down: these limits guard resources, not credentials.
     */
    public void enforce(String scope, String subject, long limit, Duration window) {
        Decision decision = hit(scope, subject, limit, window, false).await().indefinitely();
        if (!decision.allowed()) {
            throw ApiException.tooManyRequests(decision.retryAfterSeconds());
        }
    }

    /** For services on worker threads: counts one attempt against an account and throws when over the limit. */
    public void enforceAccount(String account) {
        if (account == null || account.isBlank()) {
            return;
        }
        Decision decision = hit(Bucket.AUTH_ACCOUNT, account.trim().toLowerCase(Locale.ROOT)).await().indefinitely();
        if (!decision.allowed()) {
            throw decision.degraded()
                    ? new ApiException(503, "rate_limiter_unavailable",
                    "Sign-in is temporarily unavailable, try again shortly", null, null, 30L)
                    : ApiException.tooManyRequests(decision.retryAfterSeconds());
        }
    }

    /** True while the last Redis call failed; health reports the API as degraded. */
    public boolean degraded() {
        return lastRedisFailure.get() != null;
    }
}
