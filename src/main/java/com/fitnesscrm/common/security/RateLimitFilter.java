package com.fitnesscrm.common.security;

import com.fitnesscrm.common.error.ApiError;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/** Applies the per-IP limits before any endpoint runs; per-account limits are applied by the auth service. */
public class RateLimitFilter {

    /** The endpoints that take a password or a secret token: limited hard, per IP and per account. */
    static final Set<String> CREDENTIAL_PATHS = Set.of(
            "/api/auth/register", "/api/auth/login", "/api/auth/accept-invite",
            "/api/auth/forgot-password", "/api/auth/reset-password", "/api/auth/change-password");

    private final RateLimiter limiter;
    private final ClientIpResolver ipResolver;

    public RateLimitFilter(RateLimiter limiter, ClientIpResolver ipResolver) {
        this.limiter = limiter;
        this.ipResolver = ipResolver;
    }

    @ServerRequestFilter(nonBlocking = true)
    public Uni<Response> limit(ContainerRequestContext context, HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        if (!path.startsWith("/api/") || "OPTIONS".equals(context.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        boolean credential = CREDENTIAL_PATHS.contains(stripTrailingSlash(path));
        RateLimiter.Bucket bucket = credential ? RateLimiter.Bucket.AUTH_IP : RateLimiter.Bucket.API_IP;
        String ip = ipResolver.resolve(request);
        return limiter.hit(bucket, ip).map(decision -> {
            if (decision.allowed()) {
                return null;
            }
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
        });
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
