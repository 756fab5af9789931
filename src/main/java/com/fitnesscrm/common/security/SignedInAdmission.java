package com.fitnesscrm.common.security;

import com.fitnesscrm.common.observability.RequestTelemetry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/**
 * Admits a request that carries a correctly signed access token, in one Redis round trip: refuses the token when
 * its login was signed out (see {@link SessionRevocations}) and counts the call against the caller's per-user and
 * signed-in per-IP limits. The limits' decision is left on the request for {@link RateLimitFilter}, which answers
 * 429; a signed-out token fails authentication, so endpoints that need a caller answer 401.
 */
@ApplicationScoped
public class SignedInAdmission implements SecurityIdentityAugmentor {

    /** Routing-context key of the {@link RateLimiter.Decision} for the signed-in caller's limits. */
    static final String DECISION = SignedInAdmission.class.getName() + ".decision";

    private final SessionRevocations revocations;
    private final RateLimiter limiter;
    private final ClientIpResolver ipResolver;
    private final VerifiedTokenCache tokens;

    public SignedInAdmission(SessionRevocations revocations, RateLimiter limiter, ClientIpResolver ipResolver,
                             VerifiedTokenCache tokens) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.limiter = limiter;
        this.ipResolver = ipResolver;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(identity);
        Object family = tokens.customClaims(token).family();
        RequestTelemetry.identify(http, token.getSubject(), tokens.customClaims(token).organization());
        List<RateLimiter.Limit> limits = http == null || !RateLimitFilter.countsAsApiCall(http.normalizedPath())
                ? List.of()
                : List.of(limiter.limit(RateLimiter.Bucket.API_USER, token.getSubject()),
                limiter.limit(RateLimiter.Bucket.API_IP_SIGNED_IN, ipResolver.resolve(http.request())));
        String mark = revocations.markKey(family == null ? null : family.toString());
        if (limits.isEmpty() && mark == null) {
            return Uni.createFrom().item(identity);
        }
        return limiter.admit(limits, mark).map(admission -> {
            if (admission.signedOut()) {
                throw new AuthenticationFailedException("This session was signed out");
            }
            if (!limits.isEmpty()) {
                http.put(DECISION, admission.decision());
            }
            return identity;
        });
    }
}
