package com.fitnesscrm.billing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native image's reflection registration for stripe-java: the SDK reads its model classes (and writes its
 * request params) with Gson, by reflection over their fields, which GraalVM removes unless registered. The set is
 * worked out from the code: every {@code com.stripe.model} and {@code com.stripe.param} class our main sources
 * import, plus the event envelope, then every Stripe class their fields (and generic arguments) reach, with their
 * nested classes (the enums of params live there). It is committed in
 * {@code META-INF/native-image/com.fitnesscrm/stripe-java/reflect-config.json}, where native-image finds it; this
 * test fails when the code or the SDK changes it. Regenerate with
 * {@code ./mvnw test -Dtest=StripeNativeReflectionTest -Dnative.write=true}.
 */
class StripeNativeReflectionTest {

    private static final Path COMMITTED =
            Path.of("src/main/resources/META-INF/native-image/com.fitnesscrm/stripe-java/reflect-config.json");
    private static final Pattern IMPORT = Pattern.compile("^import (com\\.stripe\\.(?:model|param)[\\w.]*);",
            Pattern.MULTILINE);
    private static final Set<String> ALWAYS = Set.of("com.stripe.model.Event", "com.stripe.model.StripeError",
            "com.stripe.model.StripeCollection", "com.stripe.model.EventDataObjectDeserializer");

    @Test
    void committedReflectionConfigCoversEveryStripeClassTheCodeReads() throws Exception {
        String generated = render(closure(roots()));
        if (Boolean.getBoolean("native.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(COMMITTED), COMMITTED + " is missing: run with -Dnative.write=true");
        assertEquals(Files.readString(COMMITTED, StandardCharsets.UTF_8), generated, COMMITTED + " differs from what"
                + " the code needs: regenerate with ./mvnw test -Dtest=StripeNativeReflectionTest -Dnative.write=true");
    }

    private static Set<String> roots() throws IOException {
        Set<String> roots = new TreeSet<>(ALWAYS);
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(source));
                while (m.find()) {
                    roots.add(m.group(1));
                }
            }
        }
        return roots;
    }

    private static Set<String> closure(Set<String> roots) throws ClassNotFoundException {
        Set<String> seen = new TreeSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        for (String root : roots) {
            queue.add(Class.forName(root));
        }
        while (!queue.isEmpty()) {
            Class<?> type = queue.poll();
            if (!type.getName().startsWith("com.stripe.") || !seen.add(type.getName())) {
                continue;
            }
            for (Class<?> nested : type.getDeclaredClasses()) {
                queue.add(nested);
            }
            for (Class<?> up = type.getSuperclass(); up != null; up = up.getSuperclass()) {
                queue.add(up);
            }
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    reach(field.getGenericType(), queue);
                }
            }
        }
        return seen;
    }

    private static void reach(Type type, Deque<Class<?>> queue) {
        if (type instanceof Class<?> c) {
            queue.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            reach(p.getRawType(), queue);
            for (Type argument : p.getActualTypeArguments()) {
                reach(argument, queue);
            }
        } else if (type instanceof GenericArrayType a) {
            reach(a.getGenericComponentType(), queue);
        }
    }

    private static String render(Set<String> classes) {
        StringBuilder json = new StringBuilder("[\n");
        int i = 0;
        for (String name : classes) {
            json.append("  {\"name\": \"").append(name).append("\", \"allDeclaredConstructors\": true,")
                    .append(" \"allDeclaredMethods\": true, \"allDeclaredFields\": true}")
                    .append(++i < classes.size() ? ",\n" : "\n");
        }
        return json.append("]\n").toString();
    }
}
