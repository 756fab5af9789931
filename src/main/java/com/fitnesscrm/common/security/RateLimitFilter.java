package com.fitnesscrm.common.security;

import com.fitnesscrm.common.web.ApiPaths;
import com.fitnesscrm.common.error.ApiError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/**
 * Applies the request limits before any endpoint runs, one Redis round trip per request:
 * <ul>
 *   <li>credential endpoints: per IP (and, in the auth service, per account), failing closed without Redis;</li>
 *   <li>calls with a valid access token: per user and per IP with a higher ceiling, counted while the token is
 *   checked ({@link SignedInAdmission}), since a studio's staff share one public address;</li>
 *   <li>every other API call: per IP.</li>
 * </ul>
 */
public class RateLimitFilter {

    /** The endpoints that take a password or a secret token: limited hard, per IP and per account. */
    static final Set<String> CREDENTIAL_PATHS = Set.of(
            "/api/auth/register", "/api/auth/login", "/api/auth/accept-invite",
            "/api/auth/forgot-password", "/api/auth/reset-password", "/api/auth/change-password");
    /**
     * Providers' webhooks: authenticated by their signature (verified before anything is read), and delivered in
     * bursts from a few addresses, so a per-address limit would refuse real deliveries.
     */
    static final Set<String> SIGNED_WEBHOOK_PATHS = Set.of("/api/stripe/webhook");

    private final RateLimiter limiter;
    private final ClientIpResolver ipResolver;
    private final Counter credentialRefusals;
    private final Counter apiRefusals;

    public RateLimitFilter(RateLimiter limiter, ClientIpResolver ipResolver, MeterRegistry metrics) {
        this.limiter = limiter;
        this.ipResolver = ipResolver;
        this.credentialRefusals = refusals(metrics, "credentials");
        this.apiRefusals = refusals(metrics, "api");
    }

    private static Counter refusals(MeterRegistry metrics, String limit) {
        return Counter.builder("fitnesscrm.rate_limit.refusals").tag("limit", limit)
                .description("Requests refused by a rate limit (429) or because it could not be checked (503)")
                .register(metrics);
    }

    /** An API call counted against the ordinary (not the credential) limits. */
    static boolean countsAsApiCall(String path) {
        return ApiPaths.isApi(path) && !CREDENTIAL_PATHS.contains(stripTrailingSlash(path));
    }

    /**
     * Pre-matching, so it runs before the security checks of the matched endpoint: a call with a forged or expired
     * token is counted (as anonymous) before it is answered 401, and a refused call costs no endpoint work.
     */
    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public Uni<Response> limit(ContainerRequestContext context, RoutingContext http) {
        String path = context.getUriInfo().getPath();
        if (!ApiPaths.isApi(path) || "OPTIONS".equals(context.getMethod())
                || SIGNED_WEBHOOK_PATHS.contains(stripTrailingSlash(path))) {
            return Uni.createFrom().nullItem();
        }
        String ip = ipResolver.resolve(http.request());
        if (CREDENTIAL_PATHS.contains(stripTrailingSlash(path))) {
            return limiter.hit(RateLimiter.Bucket.AUTH_IP, ip).map(d -> refusal(d, credentialRefusals));
        }
        String authorization = http.request().getHeader(HttpHeaders.AUTHORIZATION);
        Uni<SecurityIdentity> identity = http.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return limiter.hit(RateLimiter.Bucket.API_IP, ip).map(d -> refusal(d, apiRefusals));
        }
        // Checking the token now (the outcome is remembered for the request) counts the signed-in limits on the way.
        return identity
                .onFailure().recoverWithNull()
                .flatMap(checked -> {
                    RateLimiter.Decision signedIn = http.get(SignedInAdmission.DECISION);
                    return signedIn != null ? Uni.createFrom().item(signedIn)
                            // An expired, forged or signed-out token: the call counts as anonymous.
                            : limiter.hit(RateLimiter.Bucket.API_IP, ip);
                })
                .map(d -> refusal(d, apiRefusals));
    }

    /** Null (go on) when allowed, else the 429, or the 503 of a credential limit that cannot be checked. */
    private static Response refusal(RateLimiter.Decision decision, Counter refusals) {
        if (decision.allowed()) {
            return null;
        }
        refusals.increment();
        if (decision.degraded()) {
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", 30)
                    .entity(new ApiError("Sign-in is temporarily unavailable, try again shortly", 503,
                            "rate_limiter_unavailable"))
                    .build();
        }
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", decision.retryAfterSeconds())
                .header("X-RateLimit-Limit", decision.limit())
                .header("X-RateLimit-Remaining", 0)
                .entity(new ApiError("Too many requests, try again in " + decision.retryAfterSeconds() + " s",
                        429, "rate_limited"))
                .build();
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
