package com.fitnesscrm.common.security;

import com.fitnesscrm.common.error.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, read from the verified access token: user, organization, role and login family.
 * Every service scopes its queries with {@link #organizationId()}.
 */
@RequestScoped
public class CurrentUser implements Caller {

    public static final String ORGANIZATION_CLAIM = "org";
    public static final String FAMILY_CLAIM = "sid";

    @Inject
    JsonWebToken token;

    @Inject
    VerifiedTokenCache tokens;

    /** This request's caller's own claims, read once (services ask for the organization many times a request). */
    private VerifiedTokenCache.CustomClaims claims;

    public boolean authenticated() {
        return token != null && token.getSubject() != null;
    }

    @Override
    public long userId() {
        requireAuthenticated();
        return Long.parseLong(token.getSubject());
    }

    @Override
    public long organizationId() {
        requireAuthenticated();
        Object claim = claims().organization();
        if (claim == null) {
            throw ApiException.unauthorized("invalid_token", "The access token carries no organization");
        }
        return Long.parseLong(claim.toString());
    }

    @Override
    public Role role() {
        requireAuthenticated();
        return token.getGroups().stream().findFirst().map(Role::of)
                .orElseThrow(() -> ApiException.unauthorized("invalid_token", "The access token carries no role"));
    }

    @Override
    public String email() {
        requireAuthenticated();
        return token.getName();
    }

    /** The refresh-token family (one login and its rotations) this access token was issued for. */
    @Override
    public String familyId() {
        requireAuthenticated();
        Object claim = claims().family();
        return claim == null ? null : claim.toString();
    }

    private VerifiedTokenCache.CustomClaims claims() {
        if (claims == null) {
            claims = tokens.customClaims(token);
        }
        return claims;
    }


    private void requireAuthenticated() {
        if (!authenticated()) {
            throw ApiException.unauthorized("unauthorized", "Authentication required: send a valid bearer token");
        }
    }
}
