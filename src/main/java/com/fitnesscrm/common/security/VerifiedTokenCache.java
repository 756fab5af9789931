package com.fitnesscrm.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The JWT parser of the bearer-token check, remembering each access token it has verified until the token expires.
 * An SPA makes 10-25 calls a page with the same token; verifying its RSA signature and parsing its JSON every time
 * was the largest share of the signed-in request path in the profile (bench/README.md). Only tokens that passed
 * the full check are remembered, keyed by the exact token text, and never past their own expiry; sign-outs are
 * still checked on every request ({@link SignedInAdmission}). A per-replica memo of a pure function of the token:
 * no replica depends on another's.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    /** Enough for every token in use on a busy replica (15-minute tokens); about 2 KB each. */
    private static final long MAX_TOKENS = 20_000;

    private final DefaultJWTParser verifier;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfter(new UntilTokenExpiry())
            .build();

    public VerifiedTokenCache(DefaultJWTParser verifier) {
        this.verifier = verifier;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            return known.token();
        }
        JsonWebToken checked = verifier.parse(token);
        if (secondsLeft(checked) > 0) {
            verified.put(token, new Verified(checked, read(checked)));
        }
        return checked;
    }

    /**
     * The claims of our own that the request path reads on every call: the organization and the login family.
     * SmallRye JWT looks a claim name up among the standard ones with {@code Claims.valueOf}, which throws (and
     * fills in a stack trace) for every name of ours: at ~15 lookups a request that was invisible in the CPU
     * profile's samples and 1,300 exceptions a second under load (bench/README.md). They are read once per token
     * and remembered with it; a token this cache does not hold is read directly.
     */
    public CustomClaims customClaims(JsonWebToken token) {
        String raw = token.getRawToken();
        Verified known = raw == null ? null : verified.getIfPresent(raw);
        return known != null ? known.claims() : read(token);
    }

    /** The organization ({@code org}) and login family ({@code sid}) claims, as the token carries them. */
    public record CustomClaims(Object organization, Object family) {
    }

    private record Verified(JsonWebToken token, CustomClaims claims) {
    }

    private static CustomClaims read(JsonWebToken token) {
        return new CustomClaims(token.getClaim(CurrentUser.ORGANIZATION_CLAIM), token.getClaim(CurrentUser.FAMILY_CLAIM));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }

    private static long secondsLeft(JsonWebToken token) {
        return token.getExpirationTime() - Instant.now().getEpochSecond();
    }

    /** An entry lives exactly as long as its token is valid (the verifier's clock-skew grace is not extended). */
    private static final class UntilTokenExpiry implements Expiry<String, Verified> {
        @Override
        public long expireAfterCreate(String key, Verified entry, long currentTime) {
            return TimeUnit.SECONDS.toNanos(Math.max(0, secondsLeft(entry.token())));
        }

        @Override
        public long expireAfterUpdate(String key, Verified entry, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(String key, Verified entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
