package com.fitnesscrm.wearables.provider;

import java.util.Arrays;
import java.util.Optional;

/** The normalized kinds of wearable data; each provider supplies some of them. */
public enum DataType {
    DAILY("daily"),
    HEART_RATE("heart_rate"),
    SLEEP("sleep"),
    WORKOUTS("workouts"),
    BODY("body");

    private final String key;

    DataType(String key) {
        this.key = key;
    }

    /** The name used in the API, in job rows and in {@code items_synced}. */
    public String key() {
        return key;
    }

    public static Optional<DataType> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
