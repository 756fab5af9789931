package com.fitnesscrm.common.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Refuses a correctly signed access token whose login was signed out (see {@link SessionRevocations}). */
@ApplicationScoped
public class RevokedSessionAugmentor implements SecurityIdentityAugmentor {

    private final SessionRevocations revocations;

    public RevokedSessionAugmentor(SessionRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object family = token.getClaim(CurrentUser.FAMILY_CLAIM);
        return revocations.stillValid(family == null ? null : family.toString())
                .onItem().transformToUni(valid -> valid
                        ? Uni.createFrom().item(identity)
                        : Uni.createFrom().failure(new AuthenticationFailedException("This session was signed out")));
    }
}
