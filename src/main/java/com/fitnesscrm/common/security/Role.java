package com.fitnesscrm.common.security;

/** The three roles of an organization's members. Stored and sent in lower case. */
public enum Role {
    ADMIN, TRAINER, CLIENT;

    public static final String ADMIN_NAME = "admin";
    public static final String TRAINER_NAME = "trainer";
    public static final String CLIENT_NAME = "client";

    public String value() {
        return name().toLowerCase();
    }

    public static Role of(String value) {
        return valueOf(value.trim().toUpperCase());
    }

    /** Reads a role sent in a request; anything but one of {@code allowed} is a 400 naming the field. */
    public static Role parse(String field, String value, Role... allowed) {
        java.util.List<Role> permitted = java.util.List.of(allowed);
        String expected = permitted.stream().map(Role::value).collect(java.util.stream.Collectors.joining(" or "));
        try {
            Role role = of(value);
            if (permitted.contains(role)) {
                return role;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // reported below
        }
        throw com.fitnesscrm.common.error.ApiException.invalidField(field, "must be " + expected);
    }
}
