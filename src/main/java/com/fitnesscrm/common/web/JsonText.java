package com.fitnesscrm.common.web;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A response body that is JSON already (a cached read model, stored as the object mapper wrote it), as UTF-8
 * bytes: written as they are by {@link JsonTextWriter}, with no decoding and encoding on the way from Redis to the
 * socket. A resource returning it names the view's type in its {@code @APIResponse} schema.
 */
public final class JsonText {

    private final byte[] utf8;

    private JsonText(byte[] utf8) {
        this.utf8 = Objects.requireNonNull(utf8, "utf8");
    }

    /** Takes the bytes as they are (the caller hands them over and keeps no reference). */
    public static JsonText ofUtf8(byte[] utf8) {
        return new JsonText(utf8);
    }

    public byte[] utf8() {
        return utf8;
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
