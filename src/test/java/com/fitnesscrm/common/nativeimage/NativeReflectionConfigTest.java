package com.fitnesscrm.common.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native image's reflection registrations for the Stripe and Twilio SDKs
 * (META-INF/native-image/com.fitnesscrm/fitnesscrm-api/reflect-config.json, made by
 * deploy/native/generate-sdk-reflection.py) match the SDK jars on the classpath: every registered class exists, and
 * every Stripe model class is registered, so an SDK upgrade cannot leave webhook payloads unreadable in the native
 * build without this failing (re-run the script).
 */
class NativeReflectionConfigTest {

    @Test
    void theSdkRegistrationsMatchTheJars() throws Exception {
        Set<String> registered = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/native-image/com.fitnesscrm/fitnesscrm-api/reflect-config.json")) {
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                registered.add(entry.get("name").asText());
                assertTrue(entry.get("allDeclaredFields").asBoolean(), entry.toString());
            }
        }
        for (String name : registered) {
            Class.forName(name, false, getClass().getClassLoader());
        }
        for (String needed : new String[]{"com.stripe.model.Event", "com.stripe.model.PaymentIntent",
                "com.stripe.model.Subscription", "com.stripe.model.Invoice", "com.stripe.model.checkout.Session",
                "com.stripe.param.checkout.SessionCreateParams", "com.twilio.rest.api.v2010.account.Message"}) {
            assertTrue(registered.contains(needed), needed + " is not registered");
        }
        Set<String> models = classesUnder(jarOf(com.stripe.model.Event.class), "com/stripe/model/");
        Set<String> missing = new TreeSet<>(models);
        missing.removeAll(registered);
        assertEquals(Set.of(), missing, "Stripe models not registered: run deploy/native/generate-sdk-reflection.py");
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Set<String> classesUnder(Path jar, String prefix) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName()).filter(n -> n.startsWith(prefix) && n.endsWith(".class"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
        }
        return names;
    }
}
