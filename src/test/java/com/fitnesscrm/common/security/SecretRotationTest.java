package com.fitnesscrm.common.security;

import com.fitnesscrm.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ENCRYPTION_KEY rotation against the real tables: a secret sealed with the old key is re-sealed with the new one by
 * {@link SecretRotation}, found through the {@code *_ciphertext} naming rule; values no configured key opens are
 * counted and left untouched.
 */
@QuarkusTest
class SecretRotationTest {

    @Inject
    AgroalDataSource dataSource;

    static String key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void resealsWhatThePreviousKeySealed() throws Exception {
        Api.Session admin = Api.registerOrganization();
        String oldKey = key();
        String newKey = key();
        String sealedWithOld = new SecretBox(oldKey).encrypt("SG.rotating-secret");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into organization_settings (organization_id, sendgrid_api_key_ciphertext) values (?, ?)"
                        + " on conflict (organization_id) do update set sendgrid_api_key_ciphertext = excluded.sendgrid_api_key_ciphertext")) {
            s.setLong(1, admin.organizationId());
            s.setString(2, sealedWithOld);
            s.executeUpdate();
        }

        SecretRotation.Outcome outcome = new SecretRotation(new SecretBox(newKey, oldKey), dataSource).resealAll();
        assertEquals(1, outcome.resealed().get("organization_settings.sendgrid_api_key_ciphertext"),
                outcome.toString());
        assertTrue(outcome.resealed().containsKey("calendar_feeds.token_ciphertext"), outcome.toString());

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select sendgrid_api_key_ciphertext from organization_settings where organization_id = ?")) {
            s.setLong(1, admin.organizationId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals("SG.rotating-secret", new SecretBox(newKey).decrypt(rs.getString(1)));
            }
        }
        // Run again: nothing left to re-seal.
        SecretRotation.Outcome again = new SecretRotation(new SecretBox(newKey, oldKey), dataSource).resealAll();
        assertEquals(0, again.resealed().get("organization_settings.sendgrid_api_key_ciphertext"));
    }
}
