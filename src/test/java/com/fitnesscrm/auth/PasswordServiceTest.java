package com.fitnesscrm.auth;

import com.fitnesscrm.auth.service.PasswordService;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The password policy and hashing, without the application around them. */
class PasswordServiceTest {

    /** Cost 4 keeps this unit test fast; the application runs with 12. */
    private final PasswordService passwords = new PasswordService(configWithCost(4), caller(false));

    /** A caller who is still connected, or one who hung up while their hash waited for a core. */
    private static com.fitnesscrm.common.web.CallerConnection caller(boolean gone) {
        return new com.fitnesscrm.common.web.CallerConnection(null) {
            @Override
            public boolean gone() {
                return gone;
            }
        };
    }

    @Test
    void aCallerWhoHungUpIsNotHashedFor() {
        String hash = passwords.hash("Str0ng-Passw0rd!2026");
        PasswordService forAbandonedLogins = new PasswordService(configWithCost(4), caller(true));
        ApiException abandoned = assertThrows(ApiException.class,
                () -> forAbandonedLogins.matches("Str0ng-Passw0rd!2026", hash));
        assertEquals("client_gone", abandoned.code());
    }

    @Test
    void hashesAreSaltedAndVerify() {
        String first = passwords.hash("Str0ng-Passw0rd!2026");
        String second = passwords.hash("Str0ng-Passw0rd!2026");
        assertNotEquals(first, second, "salted");
        assertTrue(first.startsWith("$2"), "bcrypt format");
        assertTrue(passwords.matches("Str0ng-Passw0rd!2026", first));
        assertFalse(passwords.matches("Str0ng-Passw0rd!2027", first));
    }

    @Test
    void shortAndGuessablePasswordsAreRefusedNamingTheField() {
        ApiException tooShort = assertThrows(ApiException.class,
                () -> passwords.requireStrong("new_password", "Ab1!", "a@b.example"));
        assertEquals(400, tooShort.status());
        assertEquals("new_password", tooShort.details().get(0).field());

        assertThrows(ApiException.class, () -> passwords.requireStrong("password", "password123"));
        assertThrows(ApiException.class, () -> passwords.requireStrong("password", "qwertyuiop"));
        // Built from the user's own email: easy for an attacker who knows it.
        assertThrows(ApiException.class,
                () -> passwords.requireStrong("password", "jordancoach", "jordan.coach@studio.example"));
        assertDoesNotThrow(() -> passwords.requireStrong("password", "Str0ng-Passw0rd!2026", "a@b.example"));
        assertDoesNotThrow(() -> passwords.requireStrong("password", "correct horse battery staple"));
    }

    private static AppConfig configWithCost(int cost) {
        AppConfig.Password password = () -> cost;
        return (AppConfig) Proxy.newProxyInstance(PasswordServiceTest.class.getClassLoader(),
                new Class<?>[]{AppConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("password")) {
                        return password;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
