package com.fitnesscrm.operations;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Reads the Prometheus endpoint of the management interface, as Prometheus would scrape it. */
final class Metrics {

    private Metrics() {
    }

    static String managementUrl() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
        return "http://localhost:" + port;
    }

    static String scrape() {
        return given().baseUri(managementUrl()).port(-1).get("/q/metrics").then().statusCode(200)
                .extract().asString();
    }

    /** The sum of a metric's samples that carry the given label (0 when none is exported yet). */
    static double value(String name, String label, String labelValue) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(scrape());
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(label + "=\"" + labelValue + "\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
