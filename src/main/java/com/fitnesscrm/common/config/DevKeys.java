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
 * Dev and test only: an RSA key pair generated on first start and kept on disk, so tokens survive a
 * dev-mode restart. Production always takes JWT_PRIVATE_KEY from the environment.
 */
final class DevKeys {

    private DevKeys() {
    }

    static synchronized String loadOrCreate(Path directory) {
        Path file = directory.resolve("jwt-private.pem");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] encoded = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded)
                    + "\n-----END PRIVATE KEY-----\n";
            // Write then move, so a second process starting at the same moment never reads half a key.
            Path temp = Files.createTempFile(directory, "jwt", ".tmp");
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temp);
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the development JWT key in " + directory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
