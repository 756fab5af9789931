package com.fitnesscrm.common.security;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretBoxTest {

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameKeyOnly() {
        SecretBox box = new SecretBox(key());
        String first = box.encrypt("SG.live-secret");
        String second = box.encrypt("SG.live-secret");
        assertTrue(first.startsWith("v1:"));
        assertFalse(first.contains("live-secret"));
        assertNotEquals(first, second, "a fresh nonce per value");
        assertEquals("SG.live-secret", box.decrypt(first));
        assertEquals("SG.live-secret", box.decrypt(second));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(key()).decrypt(first));
    }

    @Test
    void aTamperedValueIsRefusedNotMisread() {
        SecretBox box = new SecretBox(key());
        byte[] sealed = Base64.getDecoder().decode(box.encrypt("token").substring(3));
        sealed[sealed.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(sealed);
        assertThrows(IllegalArgumentException.class, () -> box.decrypt(tampered));
        assertThrows(IllegalArgumentException.class, () -> box.decrypt("plain text"));
    }

    @Test
    void aKeyThatIsNot32BytesStopsStartUp() {
        assertThrows(IllegalStateException.class, () -> new SecretBox("c2hvcnQ="));
        assertThrows(IllegalStateException.class, () -> new SecretBox("not base64 at all!"));
    }

    @Test
    void afterARotationOldValuesStillOpenAndAreResealedWithTheNewKey() {
        String oldKey = key();
        String newKey = key();
        String sealedBefore = new SecretBox(oldKey).encrypt("AC-secret");
        SecretBox rotated = new SecretBox(newKey, oldKey);
        assertEquals("AC-secret", rotated.decrypt(sealedBefore));
        String resealed = rotated.resealed(sealedBefore).orElseThrow();
        assertEquals("AC-secret", new SecretBox(newKey).decrypt(resealed));
        assertTrue(rotated.resealed(resealed).isEmpty(), "already under the current key");
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(newKey).decrypt(sealedBefore));
    }
}
