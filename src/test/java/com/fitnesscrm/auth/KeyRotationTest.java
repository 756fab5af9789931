package com.fitnesscrm.auth;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** During a key rotation, tokens signed by the previous key still verify; unknown keys never do. */
@QuarkusTest
@TestProfile(KeyRotationTest.WithPreviousKey.class)
class KeyRotationTest {

    static final KeyPair PREVIOUS = generate();
    static final KeyPair STRANGER = generate();

    public static class WithPreviousKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(PREVIOUS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----";
            return Map.of("JWT_PREVIOUS_PUBLIC_KEY", pem, "JWT_PREVIOUS_KEY_ID", "key-0");
        }
    }

    @Test
    void tokensOfThePreviousKeyVerifyAndForeignOnesDoNot() {
        Api.Session admin = Api.registerOrganization();
        admin.as().get("/api/auth/me").then().statusCode(200);

        String previous = token(admin, PREVIOUS, "key-0");
        given().header("Authorization", "Bearer " + previous).get("/api/auth/me")
                .then().statusCode(200).body("user.id", equalTo((int) admin.userId()));

        String forged = token(admin, STRANGER, "key-0");
        given().header("Authorization", "Bearer " + forged).get("/api/auth/me").then().statusCode(401);
    }

    private static String token(Api.Session session, KeyPair keys, String keyId) {
        return Jwt.issuer("https://fitnesscrm.app")
                .subject(String.valueOf(session.userId()))
                .upn(session.email())
                .groups(Set.of("admin"))
                .claim("org", session.organizationId())
                .expiresIn(300)
                .jws().keyId(keyId)
                .sign(keys.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
