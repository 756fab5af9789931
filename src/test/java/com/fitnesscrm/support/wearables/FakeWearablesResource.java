package com.fitnesscrm.support.wearables;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/** The local Google (OAuth and Health API) and Strava for the test run; the adapters are pointed at them. */
public class FakeWearablesResource implements QuarkusTestResourceLifecycleManager {

    private static FakeGoogleHealth google;
    private static FakeStrava strava;

    public static FakeGoogleHealth google() {
        return google;
    }

    public static FakeStrava strava() {
        return strava;
    }

    @Override
    public Map<String, String> start() {
        google = new FakeGoogleHealth();
        strava = new FakeStrava();
        Map<String, String> config = new HashMap<>();
        config.put("app.wearables.fitbit.client-id", FakeGoogleHealth.CLIENT_ID);
        config.put("app.wearables.fitbit.client-secret", FakeGoogleHealth.CLIENT_SECRET);
        config.put("app.wearables.fitbit.webhook-secret", FakeGoogleHealth.WEBHOOK_SECRET);
        config.put("app.wearables.fitbit.webhook-public-key", google.publicKey());
        config.put("app.wearables.fitbit.api-base", google.apiBase());
        config.put("app.wearables.fitbit.auth-base", google.url());
        config.put("app.wearables.fitbit.token-base", google.url());
        config.put("app.wearables.strava.client-id", FakeStrava.CLIENT_ID);
        config.put("app.wearables.strava.client-secret", FakeStrava.CLIENT_SECRET);
        config.put("app.wearables.strava.verify-token", FakeStrava.VERIFY_TOKEN);
        config.put("app.wearables.strava.api-base", strava.url() + "/api/v3");
        config.put("app.wearables.strava.auth-base", strava.url());
        return config;
    }

    @Override
    public void stop() {
        if (google != null) {
            google.stop();
        }
        if (strava != null) {
            strava.stop();
        }
    }
}
