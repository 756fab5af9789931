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
}
