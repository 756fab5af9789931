package com.fitnesscrm.common.config;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM parsing and JWK-set building for the RS256 signing keys. */
public final class JwtKeys {

    private JwtKeys() {
    }

    public static PrivateKey privateKey(String pem) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(stripPem(pem));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "JWT_PRIVATE_KEY must be an RSA private key in PKCS#8 PEM form (BEGIN PRIVATE KEY)", e);
        }
    }

    static RSAPublicKey publicKeyOf(PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("JWT_PRIVATE_KEY must be an RSA key");
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return (RSAPublicKey) publicKey;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAPublicKey publicKey(String pem) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(stripPem(pem));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "JWT_PREVIOUS_PUBLIC_KEY must be an RSA public key in PEM form (BEGIN PUBLIC KEY)", e);
        }
    }

    /** The JWK set that verification uses: the current key and, during a rotation, the previous one. */
    static String verificationKeySet(String privatePem, String keyId, String previousPublicPem, String previousKeyId) {
        List<String> keys = new ArrayList<>();
        keys.add(jwk(publicKeyOf(privateKey(privatePem)), keyId));
        if (previousPublicPem != null) {
            keys.add(jwk(publicKey(previousPublicPem), previousKeyId));
        }
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }

    private static String jwk(RSAPublicKey key, String keyId) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + keyId.replace("\"", "")
                + "\",\"n\":\"" + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Accepts real newlines or the literal "\n" that single-line environment editors produce. */
    private static String stripPem(String pem) {
        return pem.replace("\\n", "\n")
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
    }
}
