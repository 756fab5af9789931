package com.fitnesscrm.operations;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus endpoint as Prometheus scrapes it: only on the management port, with the metrics the alert rules
 * and the Grafana dashboard in deploy/monitoring use (every name they mention must be exported, or an alert would
 * silently never fire).
 */
@QuarkusTest
class MetricsTest {

    /** Names the service itself must export once it has served a request and run its jobs. */
    static final Set<String> EXPECTED = Set.of(
            "http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
            "jvm_memory_used_bytes", "agroal_active_count", "scheduled_methods_seconds_count",
            "fitnesscrm_outbox_depth", "fitnesscrm_outbox_oldest_age_seconds",
            "fitnesscrm_security_events_total", "fitnesscrm_rate_limit_refusals_total",
            "fitnesscrm_errors_reported_total", "fitnesscrm_dependency_unavailable_total");

    @Test
    void theManagementPortServesTheMetricsAndThePublicPortDoesNot() {
        Api.Session admin = Api.registerOrganization();
        admin.as().get("/api/clients/999999999").then().statusCode(404);
        given().contentType("application/json").body(Map.of("email", admin.email(), "password", "wrong-password-1"))
                .post("/api/auth/login").then().statusCode(401);

        String scrape = awaitJobRun();
        Set<String> exported = names(scrape);
        Set<String> missing = new TreeSet<>(EXPECTED);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "not exported; exported are " + exported);
        // Requests are labelled by route template, never by raw path (ids would explode the series).
        assertTrue(scrape.contains("uri=\"/api/clients/{client_id}\""), "route template label");
        assertTrue(!scrape.contains("/api/clients/999999999"), "raw path label");
        assertTrue(scrape.contains("fitnesscrm_security_events_total{type=\"login_failure\"}"), "login failures");

        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardNameIsExported() throws IOException {
        Api.registerOrganization().as().get("/api/auth/me").then().statusCode(200);
        Set<String> exported = names(awaitJobRun());
        Set<String> used = new TreeSet<>();
        used.addAll(metricNames(Files.readString(Path.of("deploy/monitoring/alerts.yml"))));
        used.addAll(metricNames(Files.readString(Path.of("deploy/monitoring/grafana-dashboard.json"))));
        assertTrue(used.size() >= 10, "the rules and the dashboard name metrics: " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        missing.remove("up"); // Prometheus' own, per scrape target
        assertEquals(Set.of(), missing, "named by deploy/monitoring but not exported");
    }

    /** The outbox job runs every 2 s in tests, after 5 s: its run metrics appear then. */
    static String awaitJobRun() {
        long deadline = System.currentTimeMillis() + 20_000;
        String scrape = Metrics.scrape();
        while (!scrape.contains("scheduled_methods_seconds_count") && System.currentTimeMillis() < deadline) {
            ErrorTrackingTest.sleep(java.time.Duration.ofMillis(250));
            scrape = Metrics.scrape();
        }
        return scrape;
    }

    static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Metric names in PromQL: our own prefixes and the standard families the rules use. */
    static Set<String> metricNames(String text) {
        Matcher m = Pattern.compile("\\b((?:fitnesscrm|http_server|jvm|agroal|scheduled_methods|process|redis|system)"
                + "_[a-z_]+|up)\\b").matcher(text);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
