package com.fitnesscrm.common.storage;

import java.nio.charset.StandardCharsets;

/** Content-Disposition values with the name in RFC 6266 / 5987 form, safe for any characters a user typed. */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        return of("attachment", fileName);
    }

    public static String inline(String fileName) {
        return of("inline", fileName);
    }

    private static String of(String type, String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName.strip();
        // An ASCII fallback for old clients, then the exact name, percent-encoded as UTF-8.
        String fallback = name.replaceAll("[^A-Za-z0-9._ -]", "_");
        return type + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encode(name);
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
