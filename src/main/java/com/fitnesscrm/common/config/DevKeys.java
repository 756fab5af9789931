package com.fitnesscrm.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Dev and test only: an RSA key pair and an encryption key generated on first start and kept on disk, so tokens
 * and encrypted secrets survive a restart. Production always takes JWT_PRIVATE_KEY and ENCRYPTION_KEY from the
 * environment.
 */
final class DevKeys {

    private DevKeys() {
    }

    /** A random 256-bit key (base64) for encrypting secrets at rest, kept next to the JWT key. */
    static synchronized String loadOrCreateEncryptionKey(Path directory) {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return loadOrCreateFile(directory.resolve("encryption.key"), Base64.getEncoder().encodeToString(key) + "\n").trim();
    }

    static synchronized String loadOrCreate(Path directory) {
        Path file = directory.resolve("jwt-private.pem");
        if (Files.exists(file)) {
            return read(file);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] encoded = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded)
                    + "\n-----END PRIVATE KEY-----\n";
            return loadOrCreateFile(file, pem);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loadOrCreateFile(Path file, String content) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent());
            // Write then move, so a second process starting at the same moment never reads half a key.
            Path temp = Files.createTempFile(file.getParent(), "key", ".tmp");
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temp);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the development key " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the development key " + file, e);
        }
    }
}
