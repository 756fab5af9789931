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
        assertTrue(first.startsWith("v2:" + box.keyId() + ":"), "the sealing key is named: " + first);
        assertFalse(first.contains("live-secret"));
        assertNotEquals(first, second, "a fresh nonce per value");
        assertEquals("SG.live-secret", box.decrypt(first));
        assertEquals("SG.live-secret", box.decrypt(second));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(key()).decrypt(first));
    }

    @Test
    void aTamperedValueIsRefusedNotMisread() {
        SecretBox box = new SecretBox(key());
        String prefix = "v2:" + box.keyId() + ":";
        byte[] sealed = Base64.getDecoder().decode(box.encrypt("token").substring(prefix.length()));
        sealed[sealed.length - 1] ^= 1;
        String tampered = prefix + Base64.getEncoder().encodeToString(sealed);
        assertThrows(IllegalArgumentException.class, () -> box.decrypt(tampered));
        assertThrows(IllegalArgumentException.class, () -> box.decrypt(tampered.replace(box.keyId(), "00000000")));
        assertThrows(IllegalArgumentException.class, () -> box.decrypt("plain text"));
    }

    @Test
    void valuesOfTheEarlierFormatStillOpenAndAreResealed() throws Exception {
        String key = key();
        // A v1 value (no key id): base64(nonce ‖ ciphertext ‖ tag), as sealed before key ids.
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = new byte[12];
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(
                Base64.getDecoder().decode(key), "AES"), new javax.crypto.spec.GCMParameterSpec(128, nonce));
        byte[] body = cipher.doFinal("legacy".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] all = new byte[12 + body.length];
        System.arraycopy(body, 0, all, 12, body.length);
        String legacy = "v1:" + Base64.getEncoder().encodeToString(all);
        SecretBox box = new SecretBox(key);
        assertEquals("legacy", box.decrypt(legacy));
        assertTrue(box.resealed(legacy).orElseThrow().startsWith("v2:" + box.keyId() + ":"));
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
        assertTrue(sealedBefore.startsWith("v2:" + new SecretBox(oldKey).keyId() + ":"));
        assertTrue(resealed.startsWith("v2:" + rotated.keyId() + ":"));
        // Without the old key, the value says which key it needs.
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new SecretBox(newKey).decrypt(sealedBefore));
        assertTrue(missing.getMessage().contains(new SecretBox(oldKey).keyId()), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(newKey).decrypt(sealedBefore));
    }
}
