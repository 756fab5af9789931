package com.fitnesscrm.backups.service;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backup object format: round trip, key rotation, and every way a bad object must fail to open. */
class BackupCipherTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    static byte[] encrypt(BackupCipher cipher, byte[] plaintext) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = cipher.encrypting(sink)) {
            out.write(plaintext);
        }
        return sink.toByteArray();
    }

    static byte[] decrypt(BackupCipher cipher, byte[] object) throws IOException {
        try (InputStream in = cipher.decrypting(new ByteArrayInputStream(object)).plaintext()) {
            return in.readAllBytes();
        }
    }

    /** Three and a half 1 MB segments, so segment boundaries and the last short segment are exercised. */
    static byte[] dump() {
        byte[] data = new byte[3 * 1024 * 1024 + 12345];
        RANDOM.nextBytes(data);
        return data;
    }

    @Test
    void roundTripsAndOpensWithAPreviousKeyAfterRotation() throws IOException {
        byte[] oldKey = key();
        byte[] data = dump();
        byte[] object = encrypt(new BackupCipher("2025-key", oldKey, Map.of()), data);
        assertTrue(new String(object, 0, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("FCRMBK01"));

        BackupCipher rotated = new BackupCipher("2026-key", key(), Map.of("2025-key", oldKey));
        assertArrayEquals(data, decrypt(rotated, object));
    }

    @Test
    void aWrongKeyUnderTheSameIdFails() throws IOException {
        byte[] object = encrypt(new BackupCipher("k1", key(), Map.of()), dump());
        assertThrows(IOException.class, () -> decrypt(new BackupCipher("k1", key(), Map.of()), object));
    }

    @Test
    void anUnknownKeyIdIsNamed() throws IOException {
        byte[] object = encrypt(new BackupCipher("k1", key(), Map.of()), dump());
        IOException e = assertThrows(IOException.class, () -> decrypt(new BackupCipher("k2", key(), Map.of()), object));
        assertTrue(e.getMessage().contains("key k1"), e.getMessage());
    }

    @Test
    void tamperedTruncatedOrRelabelledObjectsFail() throws IOException {
        byte[] key = key();
        BackupCipher cipher = new BackupCipher("k1", key, Map.of("k2", key));
        byte[] object = encrypt(cipher, dump());

        byte[] flipped = object.clone();
        flipped[flipped.length / 2] ^= 0x40;
        assertThrows(IOException.class, () -> decrypt(cipher, flipped));

        // Cut at a segment boundary and mid-segment: the missing last segment is noticed either way.
        for (int cut : new int[]{object.length - 100, 1024 * 1024 + 64, object.length / 3}) {
            byte[] truncated = Arrays.copyOf(object, cut);
            assertThrows(IOException.class, () -> decrypt(cipher, truncated), "cut at " + cut);
        }

        // The key id is bound to the ciphertext: relabelling the header (same key, other id) fails too.
        byte[] relabelled = object.clone();
        relabelled[11] = '2';
        assertThrows(IOException.class, () -> decrypt(cipher, relabelled));

        assertThrows(IOException.class, () -> decrypt(cipher, "not a backup at all".getBytes()));
    }
}
