package com.fitnesscrm.common.security;

import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Short-lived links to one stored resource, for the places a browser opens without an Authorization header
 * ({@code <img src>}, {@code <a href>}). A link carries {@code expires} (epoch seconds) and {@code signature}:
 * HMAC-SHA256 over the path template, the resource id, the resource's organization and the expiry, under a key
 * derived from ENCRYPTION_KEY for this purpose only. So a signature opens exactly one resource of one kind until
 * it expires; changing any part of the link, or reusing its signature for another id, breaks it.
 */
@ApplicationScoped
public class SignedUrls {

    /** Label of the derived key (HKDF-style expand with a context), so this key is never the encryption key. */
    private static final byte[] KEY_LABEL = "fitnesscrm signed-url key v1".getBytes(StandardCharsets.UTF_8);
    private static final String VERSION = "v1";

    private final byte[] key;
    private final String baseUrl;
    private final Clock clock;

    @Inject
    public SignedUrls(AppConfig config) {
        this(config.encryptionKey(), config.baseUrl(), Clock.systemUTC());
    }

    SignedUrls(String base64EncryptionKey, String baseUrl, Clock clock) {
        this.key = hmac(Base64.getDecoder().decode(base64EncryptionKey.trim()), KEY_LABEL);
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** A signed query for one resource, valid until {@code expires}. */
    public record Signature(long expires, String signature) {
        public String query() {
            return "expires=" + expires + "&signature=" + signature;
        }
    }

    /**
     * The absolute URL ({@code APP_BASE_URL} + the path with {@code {id}} filled in) signed for {@code lifetime}.
     * The expiry is rounded up to the next full minute, so the links of one resource stay identical for a minute
     * and the browser's image cache keeps working between list reloads.
     */
    public String url(String pathTemplate, long resourceId, long organizationId, Duration lifetime) {
        long expires = roundUpToMinute(clock.instant().plus(lifetime));
        return url(pathTemplate, resourceId, sign(pathTemplate, resourceId, organizationId, expires));
    }

    public String url(String pathTemplate, long resourceId, Signature signature) {
        return baseUrl + pathTemplate.replace("{id}", Long.toString(resourceId)) + "?" + signature.query();
    }

    public Signature sign(String pathTemplate, long resourceId, long organizationId, long expiresEpochSeconds) {
        return new Signature(expiresEpochSeconds, mac(pathTemplate, resourceId, organizationId, expiresEpochSeconds));
    }

    /**
     * The expiry a link carries in its query, checked before anything is looked up: 401 {@code invalid_link} when it
     * is not a number, {@code link_expired} when it has passed. {@code what} names the link ("download", "photo").
     */
    public long requireUnexpired(String expires, String what) {
        long expiry;
        try {
            expiry = Long.parseLong(expires == null ? "" : expires.trim());
        } catch (NumberFormatException e) {
            throw invalidLink(what);
        }
        if (!unexpired(expiry)) {
            throw ApiException.unauthorized("link_expired", "This " + what + " link has expired: reload the page for"
                    + " a fresh one");
        }
        return expiry;
    }

    /** The one answer to a forged, altered or foreign link, whatever was wrong, so it never tells which ids exist. */
    public static ApiException invalidLink(String what) {
        return ApiException.unauthorized("invalid_link", "This " + what + " link is invalid");
    }

    /** False when the link has expired; checking the signature needs the resource's organization (see verify). */
    public boolean unexpired(long expiresEpochSeconds) {
        return clock.instant().getEpochSecond() < expiresEpochSeconds;
    }

    /** True when the signature was made by {@link #sign} for exactly this path, resource, organization and expiry. */
    public boolean verify(String pathTemplate, long resourceId, long organizationId, long expiresEpochSeconds,
                          String signature) {
        if (signature == null || !unexpired(expiresEpochSeconds)) {
            return false;
        }
        byte[] expected = mac(pathTemplate, resourceId, organizationId, expiresEpochSeconds)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String pathTemplate, long resourceId, long organizationId, long expires) {
        String message = String.join("\n", VERSION, pathTemplate, Long.toString(resourceId),
                Long.toString(organizationId), Long.toString(expires));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(key, message.getBytes(StandardCharsets.UTF_8)));
    }

    private static long roundUpToMinute(Instant instant) {
        long seconds = instant.getEpochSecond();
        return ((seconds + 59) / 60) * 60;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
