package com.fitnesscrm.wearables.service;

import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.security.SecretBox;
import com.fitnesscrm.common.security.SecureTokens;
import com.fitnesscrm.wearables.domain.OAuthState;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The OAuth {@code state} of a connection in progress and its PKCE pair (RFC 7636, S256). The state is
 * {@code <nonce>.<signature>}: the signature is HMAC-SHA256, under a key derived from ENCRYPTION_KEY for this use
 * only, over the nonce, the provider, the user and the expiry, so a state made for another provider or user, or
 * altered, does not verify. It is single use: the callback deletes its row as it reads it (DELETE … RETURNING), so a
 * replayed state finds nothing. The code_verifier stays on the server, sealed, until the token exchange.
 */
@ApplicationScoped
public class OAuthStates {

    private static final byte[] KEY_LABEL = "fitnesscrm wearable oauth state v1".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final SecretBox box;
    private final WearablesConfig config;
    private final SecureRandom random = new SecureRandom();

    public OAuthStates(AppConfig app, SecretBox box, WearablesConfig config) {
        this.key = hmac(Base64.getDecoder().decode(app.encryptionKey().trim()), KEY_LABEL);
        this.box = box;
        this.config = config;
    }

    /** A new connection attempt: the state to send and the PKCE pair. */
    public record Started(String state, String codeVerifier, String codeChallenge, Instant expiresAt) {
    }

    /** A state the callback took: whom the connection is for and the verifier. */
    public record Taken(long organizationId, long userId, long clientId, String provider, String codeVerifier) {
    }

    @Transactional
    public Started start(long organizationId, long userId, long clientId, String provider) {
        String nonce = SecureTokens.generate();
        // RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]; 32 random bytes in base64url give 43.
        byte[] verifierBytes = new byte[32];
        random.nextBytes(verifierBytes);
        String verifier = URL.encodeToString(verifierBytes);
        Instant expires = Instant.now().plus(config.stateTtl());
        OAuthState row = new OAuthState();
        row.nonce = nonce;
        row.organizationId = organizationId;
        row.userId = userId;
        row.clientId = clientId;
        row.provider = provider;
        row.codeVerifierCiphertext = box.encrypt(verifier);
        row.expiresAt = expires;
        row.createdAt = Instant.now();
        row.persist();
        // Expired attempts are dropped as new ones start (the index on expires_at makes it cheap).
        Panache.getEntityManager().createNativeQuery("delete from wearable_oauth_states where expires_at < now()")
                .executeUpdate();
        return new Started(nonce + "." + sign(nonce, provider, userId, expires), verifier, challenge(verifier),
                expires);
    }

    /**
     * The attempt this state names for this provider, taken (deleted) in the caller's transaction; empty when the
     * state is malformed, altered, made for another provider, already used or expired.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Taken> take(String state, String provider) {
        if (state == null || state.length() > 300 || state.indexOf('.') < 1) {
            return Optional.empty();
        }
        String nonce = state.substring(0, state.indexOf('.'));
        String signature = state.substring(state.indexOf('.') + 1);
        OAuthState row = OAuthState.findById(nonce);
        if (row == null) {
            return Optional.empty();
        }
        // Taken whatever follows: a state that was tried once, even wrongly, is spent.
        row.delete();
        String expected = sign(row.nonce, row.provider, row.userId, row.expiresAt);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))
                || !row.provider.equals(provider) || row.expiresAt.isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(new Taken(row.organizationId, row.userId, row.clientId, row.provider,
                box.decrypt(row.codeVerifierCiphertext)));
    }

    /** The S256 challenge: base64url(SHA-256(verifier)), unpadded. */
    public static String challenge(String verifier) {
        try {
            return URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private String sign(String nonce, String provider, long userId, Instant expires) {
        String message = nonce + "|" + provider + "|" + userId + "|" + expires.getEpochSecond();
        return URL.encodeToString(hmac(key, message.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
