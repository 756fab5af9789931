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
        Object claim = token.getClaim(ORGANIZATION_CLAIM);
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
        Object claim = token.getClaim(FAMILY_CLAIM);
        return claim == null ? null : claim.toString();
    }


    private void requireAuthenticated() {
        if (!authenticated()) {
            throw ApiException.unauthorized("unauthorized", "Authentication required: send a valid bearer token");
        }
    }
}
