package com.fitnesscrm.common.security;

import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sliding one-minute windows counted in Redis, so a limit holds across every replica. Each minute has a counter;
 * a request is judged on this minute's count plus last minute's, weighted by how much of last minute still lies
 * within the past 60 seconds. Unlike fixed windows, a burst straddling a minute boundary cannot get twice the limit.
 * <p>
 * Every limit a request is subject to, and the sign-out mark of its login, are read and counted in one Redis round
 * trip: a Lua script (sent once, then called by its SHA-1) increments each window's counter, reads the previous
 * window's, and tells whether the mark exists. (The keys of one call may live on different hash slots, so the
 * script needs a single Redis node or a non-cluster deployment, which is what Railway's Redis is.)
 * <p>
 * When Redis cannot be reached, ordinary API limits fail open (the API keeps serving) while credential limits
 * fail closed: a brute-force attempt must never gain from an outage.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /**
     * KEYS: per limit its current and previous window counter, then optionally the sign-out mark.
     * ARGV: the number of limits, then per limit the lifetime (seconds) of a new current-window counter.
     * Returns per limit {current count, previous count}, then 1/0 for the mark when one was given.
     */
    static final String SCRIPT = """
            local limits = tonumber(ARGV[1])
            local result = {}
            for i = 1, limits do
              local current = redis.call('INCR', KEYS[2 * i - 1])
              if current == 1 then redis.call('EXPIRE', KEYS[2 * i - 1], tonumber(ARGV[i + 1])) end
              result[2 * i - 1] = current
              result[2 * i] = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
            end
            if #KEYS > 2 * limits then result[2 * limits + 1] = redis.call('EXISTS', KEYS[2 * limits + 1]) end
            return result
            """;
    private static final String SCRIPT_SHA = sha1(SCRIPT);

    /** The per-minute limits of {@link AppConfig.RateLimit}. */
    public enum Bucket {
        /** Credential endpoints, per client IP. */
        AUTH_IP,
        /** Credential endpoints, per account (email). */
        AUTH_ACCOUNT,
        /** API calls without a (valid) access token, per client IP. */
        API_IP,
        /** API calls with a valid access token, per user. */
        API_USER,
        /** API calls with a valid access token, per client IP: the ceiling for a studio sharing one address. */
        API_IP_SIGNED_IN
    }

    /** One limit to count a request against: {@code limit} requests of {@code subject} per sliding {@code window}. */
    public record Limit(String scope, String subject, long limit, Duration window, boolean failClosed) {
    }

    /** Outcome of one counted request. {@code degraded} means Redis could not be asked. */
    public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds, boolean degraded) {
    }

    /** The decision over all limits of a request, and whether the login's sign-out mark was found. */
    public record Admission(Decision decision, boolean signedOut) {
    }

    private final ReactiveRedisDataSource redis;
    private final AppConfig.RateLimit config;
    private final AtomicReference<Instant> lastRedisFailure = new AtomicReference<>();

    public RateLimiter(ReactiveRedisDataSource redis, AppConfig config) {
        this.redis = redis;
        this.config = config.rateLimit();
    }

    /** The per-minute limit of a bucket for this subject (an IP, an account, a user id). */
    public Limit limit(Bucket bucket, String subject) {
        long perMinute = switch (bucket) {
            case AUTH_IP, AUTH_ACCOUNT -> config.authPerMinute();
            case API_IP -> config.apiPerMinute();
            case API_USER -> config.userPerMinute();
            case API_IP_SIGNED_IN -> config.ipPerMinute();
        };
        return new Limit(bucket.name().toLowerCase(Locale.ROOT), subject, perMinute, MINUTE,
                bucket == Bucket.AUTH_IP || bucket == Bucket.AUTH_ACCOUNT);
    }

    public Uni<Decision> hit(Bucket bucket, String subject) {
        return admit(List.of(limit(bucket, subject)), null).map(Admission::decision);
    }

    /**
     * Counts one request against a limit of {@code limit} per sliding {@code window} (the same algorithm as the
     * per-minute limits, with windows of any length: uploads are limited per hour). {@code failClosed}: refuse
     * while Redis cannot be asked (credential limits) instead of serving.
     */
    public Uni<Decision> hit(String scope, String subject, long limit, Duration window, boolean failClosed) {
        return admit(List.of(new Limit(scope, subject, limit, window, failClosed)), null).map(Admission::decision);
    }

    /**
     * Counts one request against every limit given and, when {@code signOutMarkKey} is not null, reads that mark,
     * all in one Redis round trip. The request is allowed when it is within every limit; a refusal reports the
     * limit that refused it. Redis unreachable: allowed unless a limit fails closed, and the mark counts as absent.
     */
    public Uni<Admission> admit(List<Limit> limits, String signOutMarkKey) {
        long nowMillis = Instant.now().toEpochMilli();
        List<String> args = new ArrayList<>();
        args.add(SCRIPT_SHA);
        args.add(String.valueOf(limits.size() * 2 + (signOutMarkKey == null ? 0 : 1)));
        for (Limit limit : limits) {
            long windowMillis = limit.window().toMillis();
            long index = nowMillis / windowMillis;
            String prefix = "rl:" + limit.scope() + ":" + limit.subject() + ":";
            args.add(prefix + index);
            args.add(prefix + (index - 1));
        }
        if (signOutMarkKey != null) {
            args.add(signOutMarkKey);
        }
        args.add(String.valueOf(limits.size()));
        for (Limit limit : limits) {
            // Kept for two windows (and a little), so the next window can still read it as its previous one.
            args.add(String.valueOf(limit.window().multipliedBy(2).plusSeconds(5).toSeconds()));
        }
        return evaluate(args)
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .map(reply -> {
                    if (lastRedisFailure.getAndSet(null) != null) {
                        LOG.info("Rate limiter reaches Redis again");
                    }
                    return judge(limits, reply, nowMillis, signOutMarkKey != null);
                })
                .onFailure().recoverWithItem(failure -> unavailable(limits, nowMillis, failure));
    }

    /** EVALSHA, falling back to EVAL (which also caches the script) when Redis does not know it yet. */
    private Uni<Response> evaluate(List<String> args) {
        return redis.execute("EVALSHA", args.toArray(String[]::new))
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> {
                    List<String> withScript = new ArrayList<>(args);
                    withScript.set(0, SCRIPT);
                    return redis.execute("EVAL", withScript.toArray(String[]::new));
                });
    }

    private static Admission judge(List<Limit> limits, Response reply, long nowMillis, boolean markAsked) {
        Decision verdict = null;
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            long windowMillis = limit.window().toMillis();
            double previousWeight = 1.0 - (nowMillis % windowMillis) / (double) windowMillis;
            double estimate = reply.get(2 * i).toLong() + reply.get(2 * i + 1).toLong() * previousWeight;
            Decision decision = new Decision(estimate <= limit.limit(), limit.limit(),
                    Math.max(0, (long) Math.floor(limit.limit() - estimate)), retryAfter(limit, nowMillis), false);
            // Report the refusing limit, else the one closest to refusing.
            if (verdict == null || (verdict.allowed() && (!decision.allowed()
                    || decision.remaining() < verdict.remaining()))) {
                verdict = decision;
            }
        }
        if (verdict == null) {
            verdict = new Decision(true, 0, 0, 0, false);
        }
        boolean signedOut = markAsked && reply.get(2 * limits.size()).toLong() == 1;
        return new Admission(verdict, signedOut);
    }

    private Admission unavailable(List<Limit> limits, long nowMillis, Throwable failure) {
        Instant previousFailure = lastRedisFailure.getAndSet(Instant.now());
        // One line per outage, not one per request.
        if (previousFailure == null) {
            LOG.warnf("Rate limiter cannot reach Redis (%s): serving without API limits and refusing"
                    + " credential requests until it answers again", failure.getMessage());
        }
        Limit strictest = limits.stream().filter(Limit::failClosed).findFirst()
                .orElse(limits.isEmpty() ? null : limits.get(0));
        boolean allowed = limits.stream().noneMatch(Limit::failClosed);
        return new Admission(new Decision(allowed, strictest == null ? 0 : strictest.limit(), 0,
                strictest == null ? 1 : retryAfter(strictest, nowMillis), true), false);
    }

    private static long retryAfter(Limit limit, long nowMillis) {
        long windowMillis = limit.window().toMillis();
        long index = nowMillis / windowMillis;
        return Math.max(1, ((index + 1) * windowMillis - nowMillis + 999) / 1000);
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

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }
}
