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
 * copy of the database alone reveals none of them. Output is {@code v1:} + base64(nonce ‖ ciphertext ‖ tag); the
 * version prefix leaves room for another format later. Key rotation: values sealed with a key listed in
 * {@code ENCRYPTION_KEY_PREVIOUS} still open, and {@link SecretRotation} re-seals them with the current key
 * (docs/operations.md, "Rotating ENCRYPTION_KEY").
 */
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
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
            return PREFIX + Base64.getEncoder().encodeToString(out);
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
        byte[] in = open(sealed);
        String plaintext = tryKey(key, in);
        for (int i = 0; plaintext == null && i < previousKeys.size(); i++) {
            plaintext = tryKey(previousKeys.get(i), in);
        }
        if (plaintext == null) {
            throw new IllegalArgumentException("Cannot decrypt: wrong ENCRYPTION_KEY or tampered value");
        }
        return plaintext;
    }

    /** The value sealed anew with the current key when it was sealed with a previous one; else empty. */
    public java.util.Optional<String> resealed(String sealed) {
        if (sealed == null || tryKey(key, open(sealed)) != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(encrypt(decrypt(sealed)));
    }

    private static byte[] open(String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not an encrypted value");
        }
        return Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
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
