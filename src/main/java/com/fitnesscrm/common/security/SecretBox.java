package com.fitnesscrm.common.security;

import com.fitnesscrm.common.config.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encrypts secrets kept in the database (provider credentials, OAuth tokens, feed tokens) with AES-256-GCM, so a
 * copy of the database alone reveals none of them. Output is {@code v2:<key id>:} + base64(nonce ‖ ciphertext ‖ tag):
 * the key id (8 hex digits of a SHA-256 of the key under a label of its own, which reveals nothing of it) names the
 * key that sealed the value, so it opens with that key directly and a value sealed with a key no longer configured
 * says which one it needs. Values of the earlier format {@code v1:} (no key id) still open, by trying each key. Key
 * rotation: values sealed with a key listed in {@code ENCRYPTION_KEY_PREVIOUS} still open, and {@link SecretRotation}
 * re-seals them with the current key (docs/operations.md, "Rotating ENCRYPTION_KEY").
 */
@ApplicationScoped
public class SecretBox {

    private static final String LEGACY_PREFIX = "v1:";
    private static final String PREFIX = "v2:";
    private static final byte[] KEY_ID_LABEL = "fitnesscrm secretbox key id v1".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    /** Earlier keys, tried after the current one when opening a value. */
    private final List<SecretKeySpec> previousKeys;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SecretBox(AppConfig config) {
        this(config.encryptionKey(), config.encryptionKeyPrevious().orElse(""));
    }

    SecretBox(String base64Key) {
        this(base64Key, "");
    }

    SecretBox(String base64Key, String previousBase64Keys) {
        this.key = aesKey("ENCRYPTION_KEY", base64Key);
        this.keyId = keyId(key);
        List<SecretKeySpec> previous = new ArrayList<>();
        for (String k : previousBase64Keys.split(",")) {
            if (!k.isBlank()) {
                previous.add(aesKey("ENCRYPTION_KEY_PREVIOUS", k));
            }
        }
        this.previousKeys = List.copyOf(previous);
    }

    private static SecretKeySpec aesKey(String name, String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw new IllegalStateException(name + " must be the base64 of 32 random bytes"
                    + " (for example: openssl rand -base64 32)");
        }
        return new SecretKeySpec(raw, "AES");
    }

    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The plaintext, or an exception when the value was sealed with none of the configured keys (tampered, or a
     * key no longer listed).
     */
    public String decrypt(String sealed) {
        if (sealed == null) {
            return null;
        }
        String plaintext;
        if (sealed.startsWith(PREFIX)) {
            String[] parts = sealed.split(":", 3);
            SecretKeySpec named = parts.length == 3 ? keyNamed(parts[1]) : null;
            if (named == null) {
                throw new IllegalArgumentException("Cannot decrypt: sealed with key " + (parts.length == 3 ? parts[1]
                        : "?") + ", which is neither ENCRYPTION_KEY nor in ENCRYPTION_KEY_PREVIOUS");
            }
            plaintext = tryKey(named, Base64.getDecoder().decode(parts[2]));
        } else {
            byte[] in = openLegacy(sealed);
            plaintext = tryKey(key, in);
            for (int i = 0; plaintext == null && i < previousKeys.size(); i++) {
                plaintext = tryKey(previousKeys.get(i), in);
            }
        }
        if (plaintext == null) {
            throw new IllegalArgumentException("Cannot decrypt: wrong ENCRYPTION_KEY or tampered value");
        }
        return plaintext;
    }

    /** The value sealed anew with the current key when it was sealed with another (or in the v1 format); else empty. */
    public java.util.Optional<String> resealed(String sealed) {
        if (sealed == null || sealed.startsWith(PREFIX + keyId + ":")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(encrypt(decrypt(sealed)));
    }

    /** The id of the current key, as sealed values name it. */
    public String keyId() {
        return keyId;
    }

    private SecretKeySpec keyNamed(String id) {
        if (keyId.equals(id)) {
            return key;
        }
        return previousKeys.stream().filter(k -> keyId(k).equals(id)).findFirst().orElse(null);
    }

    static String keyId(SecretKeySpec key) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(KEY_ID_LABEL);
            return java.util.HexFormat.of().formatHex(digest.digest(key.getEncoded()), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] openLegacy(String sealed) {
        if (!sealed.startsWith(LEGACY_PREFIX)) {
            throw new IllegalArgumentException("Not an encrypted value");
        }
        return Base64.getDecoder().decode(sealed.substring(LEGACY_PREFIX.length()));
    }

    private static String tryKey(SecretKeySpec candidate, byte[] in) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
