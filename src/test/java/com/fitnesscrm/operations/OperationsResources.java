package com.fitnesscrm.operations;

import com.fitnesscrm.support.FakeSentry;
import com.fitnesscrm.support.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The outside world of the operations tests: a fake Sentry ingest the SDK reports to, and a cuttable connection to
 * PostgreSQL (the app's datasource goes through {@link TcpProxy}), so an outage can be staged and ended.
 */
public class OperationsResources implements QuarkusTestResourceLifecycleManager {

    static FakeSentry sentry;
    static TcpProxy database;

    @Override
    public Map<String, String> start() {
        try {
            sentry = new FakeSentry();
            database = new TcpProxy("127.0.0.1", 5432);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + database.port()
                + "/postgres?currentSchema=fitnesscrm_test,public&connectTimeout=2&socketTimeout=10";
        Map<String, String> config = new HashMap<>();
        config.put("app.sentry.dsn", sentry.dsn());
        config.put("quarkus.datasource.jdbc.url", url);
        config.put("%test.quarkus.datasource.jdbc.url", url);
        // A request waits for a connection at most this long during the outage before it is answered.
        config.put("quarkus.datasource.jdbc.acquisition-timeout", "3S");
        return config;
    }

    @Override
    public void stop() {
        if (sentry != null) {
            sentry.stop();
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException ignored) {
                // Test run is over.
            }
        }
    }
}
