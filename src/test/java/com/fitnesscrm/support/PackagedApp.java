package com.fitnesscrm.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, so only Failsafe ITs use it, after
 * {@code package}) started as a process in the test profile on a free port, with this JVM's {@code %test.*} and
 * {@code quarkus.*} overrides passed on. Each instance takes its own management port and writes no test log file, so
 * several can run side by side.
 */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    public static final String DEFAULT_DB_URL =
            "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=fitnesscrm_test,public";
    // A packaged start takes seconds; generous for a machine busy with other builds.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("it.start-timeout-seconds", 180));

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private PackagedApp(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts an instance (its output in {@code target/<name>.log}) and waits until it is live. */
    public static PackagedApp start(String name, List<String> extraProperties) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR + " is missing: run after package");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-Dquarkus.profile=test");
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("%test.") || key.startsWith("quarkus."))
                .filter(key -> !key.startsWith("quarkus.http.") && !key.startsWith("quarkus.management."))
                .sorted()
                .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-D%test.quarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-D%test.quarkus.management.port=" + managementPort);
        command.add("-Dquarkus.log.file.enabled=false");
        command.addAll(extraProperties);
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedApp app = new PackagedApp(process, port, managementPort, log);
        try {
            app.awaitLive();
        } catch (Exception | AssertionError e) {
            app.close();
            throw e;
        }
        return app;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    private void awaitLive() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the instance on port " + port + " exited (" + process.exitValue()
                        + "); see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/q/health/live").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the instance on port " + port + " did not start within " + START_TIMEOUT);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The java binary of this JVM, for launching the packaged application the same way. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JDBC URL of the test database, as the unit tests are given it. */
    public static String databaseUrl() {
        return System.getProperty("%test.quarkus.datasource.jdbc.url", DEFAULT_DB_URL);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
