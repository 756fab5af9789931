package com.fitnesscrm.backups.service;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Encrypts a backup as it streams: AES-256-GCM in 1 MB segments (Tink's streaming AEAD, each stream under its own
 * HKDF-derived key), so nothing is held whole in memory and a truncated, reordered or altered object fails to
 * decrypt rather than restoring part of a database. Object layout: the magic {@code FCRMBK01}, the key id (length
 * and UTF-8), then Tink's ciphertext, whose associated data is that header, so the key id cannot be swapped.
 */
public final class BackupCipher {

    static final byte[] MAGIC = "FCRMBK01".getBytes(StandardCharsets.US_ASCII);
    private static final int SEGMENT_SIZE = 1 << 20;

    private final String currentKeyId;
    private final Map<String, byte[]> keys;

    BackupCipher(String currentKeyId, byte[] currentKey, Map<String, byte[]> previousKeys) {
        this.currentKeyId = currentKeyId;
        this.keys = new HashMap<>(previousKeys);
        this.keys.put(currentKeyId, currentKey);
    }

    /** From the configuration; empty when no key is set. */
    static java.util.Optional<BackupCipher> from(BackupConfig config) {
        return config.encryptionKey().filter(k -> !k.isBlank()).map(key -> {
            Map<String, byte[]> previous = new HashMap<>();
            for (String pair : config.previousKeys().orElse("").split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] parts = pair.trim().split(":", 2);
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new IllegalStateException("BACKUP_PREVIOUS_KEYS must be keyId:base64Key pairs, comma-separated");
                }
                previous.put(parts[0].trim(), decodeKey("BACKUP_PREVIOUS_KEYS (" + parts[0].trim() + ")", parts[1]));
            }
            return new BackupCipher(config.keyId(), decodeKey("BACKUP_ENCRYPTION_KEY", key), previous);
        });
    }

    static byte[] decodeKey(String name, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be base64 (openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must decode to 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** Wraps {@code sink}: what is written to the returned stream is stored encrypted under the current key. */
    public OutputStream encrypting(OutputStream sink) throws IOException {
        byte[] header = header(currentKeyId);
        sink.write(header);
        try {
            return streaming(keys.get(currentKeyId)).newEncryptingStream(sink, header);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot start encryption: " + e.getMessage(), e);
        }
    }

    /** The plaintext of an object; its key id must be the current or a previous key's. */
    public Decryption decrypting(InputStream object) throws IOException {
        DataInputStream in = new DataInputStream(object);
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new IOException("Not a FitnessCRM backup: the object is too short");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("Not a FitnessCRM backup: unknown header");
        }
        int length = in.readUnsignedShort();
        if (length == 0 || length > 200) {
            throw new IOException("Corrupt backup header: key id length " + length);
        }
        byte[] id = new byte[length];
        in.readFully(id);
        String keyId = new String(id, StandardCharsets.UTF_8);
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IOException("The backup was encrypted with key " + keyId + ", which is not configured"
                    + " (BACKUP_ENCRYPTION_KEY / BACKUP_PREVIOUS_KEYS)");
        }
        try {
            return new Decryption(keyId, streaming(key).newDecryptingStream(in, header(keyId)));
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot start decryption: " + e.getMessage(), e);
        }
    }

    public record Decryption(String keyId, InputStream plaintext) {
    }

    private static byte[] header(String keyId) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        out.writeShort(id.length);
        out.write(id);
        return bytes.toByteArray();
    }

    private static AesGcmHkdfStreaming streaming(byte[] key) throws GeneralSecurityException {
        return new AesGcmHkdfStreaming(key, "HmacSha256", 32, SEGMENT_SIZE, 0);
    }
}
