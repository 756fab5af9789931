package com.fitnesscrm.contract;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the packaged server (Failsafe, @QuarkusIntegrationTest) and runs the Node contract tests of
 * frontend-contract/ against it: they play the SPA and validate every response against openapi.yaml.
 */
@QuarkusIntegrationTest
class FrontendContractIT {

    private static final Path PACKAGE = Path.of("frontend-contract");

    @Test
    void theSpaContractHoldsAgainstTheLiveServer() throws Exception {
        assertTrue(Files.isDirectory(PACKAGE), "frontend-contract/ is missing");
        if (!Files.isDirectory(PACKAGE.resolve("node_modules"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300), "npm ci failed");
        }
        String apiUrl = "http://127.0.0.1:" + RestAssured.port;
        assertEquals(0, run(List.of("npm", "test"), 900, "API_URL", apiUrl),
                "frontend contract tests failed against " + apiUrl + " (output above)");
    }

    private static int run(List<String> command, long timeoutSeconds, String... environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(PACKAGE.toFile())
                .redirectErrorStream(true);
        for (int i = 0; i + 1 < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        // Relay the output through System.out: Surefire's channel to the forked JVM must not be written directly.
        Thread relay = new Thread(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
                reader.lines().forEach(System.out::println);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        relay.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out in " + new File(".").getAbsolutePath());
        }
        relay.join(10_000);
        return process.exitValue();
    }
}
