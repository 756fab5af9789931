package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.api.LoginResponse;
import com.fitnesscrm.auth.domain.RefreshToken;
import com.fitnesscrm.auth.domain.UserAccount;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.config.JwtKeys;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.security.SecureTokens;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Issues short-lived RS256 access tokens and single-use refresh tokens. */
@ApplicationScoped
public class TokenService {

    private final AppConfig.Jwt config;
    private final PrivateKey signingKey;

    public TokenService(AppConfig appConfig) {
        this.config = appConfig.jwt();
        this.signingKey = JwtKeys.privateKey(config.privateKey());
    }

    /** A new login: a new refresh-token family. */
    public LoginResponse startSession(UserAccount user, String message) {
        return issue(user, UUID.randomUUID(), null, message);
    }

    /** A rotation: the same family, the new token remembering its parent. */
    public LoginResponse continueSession(UserAccount user, RefreshToken parent) {
        return issue(user, parent.familyId, parent.id, "Token refreshed");
    }

    private LoginResponse issue(UserAccount user, UUID family, Long parentId, String message) {
        Instant now = Instant.now();
        String refresh = SecureTokens.generate();
        RefreshToken stored = new RefreshToken();
        stored.userId = user.id;
        stored.familyId = family;
        stored.parentId = parentId;
        stored.tokenHash = SecureTokens.sha256Hex(refresh);
        stored.createdAt = now;
        stored.expiresAt = now.plus(config.refreshTokenTtl());
        stored.persist();

        long ttl = config.accessTokenTtl().toSeconds();
        String access = Jwt.issuer(config.issuer())
                .subject(String.valueOf(user.id))
                .upn(user.email)
                .groups(Set.of(user.role))
                .claim(CurrentUser.ORGANIZATION_CLAIM, user.organizationId)
                .claim(CurrentUser.FAMILY_CLAIM, family.toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(ttl))
                .jws().keyId(config.keyId())
                .sign(signingKey);
        return new LoginResponse(message, access, refresh, "Bearer", ttl, Views.user(user));
    }
}
