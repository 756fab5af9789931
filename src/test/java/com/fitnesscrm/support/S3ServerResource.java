package com.fitnesscrm.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for the S3 storage test: s3rver (npm, src/test/s3rver/) on a free port with a
 * temporary directory and one bucket. Installs its npm package on first use (npm ci), the way the frontend
 * contract tests install theirs, so a fresh clone needs nothing but Node.
 */
public class S3ServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "fitnesscrm-test";
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";
    private static final Path PACKAGE = Path.of("src/test/s3rver");

    private static volatile String endpoint;
    private Process server;
    private Path directory;

    public static String endpoint() {
        return endpoint;
    }

    @Override
    public Map<String, String> start() {
        try {
            if (!Files.isDirectory(PACKAGE.resolve("node_modules/s3rver"))) {
                Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                        .directory(PACKAGE.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
                if (!install.waitFor(300, TimeUnit.SECONDS) || install.exitValue() != 0) {
                    throw new IllegalStateException("npm ci in " + PACKAGE + " failed");
                }
            }
            int port = freePort();
            directory = Files.createTempDirectory("s3rver-");
            server = new ProcessBuilder(List.of("node", "server.js", String.valueOf(port), directory.toString(), BUCKET))
                    .directory(PACKAGE.toFile()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("S3RVER READY")) {
                System.out.println("[s3rver] " + line);
            }
            if (line == null) {
                throw new IllegalStateException("s3rver did not start (see its output above)");
            }
            Thread drain = new Thread(() -> out.lines().forEach(l -> System.out.println("[s3rver] " + l)));
            drain.setDaemon(true);
            drain.start();
            endpoint = "http://127.0.0.1:" + port;
            return Map.of(
                    "app.storage.type", "s3",
                    "app.storage.s3.endpoint", endpoint,
                    "app.storage.s3.bucket", BUCKET,
                    "app.storage.s3.region", "us-east-1",
                    "app.storage.s3.access-key", ACCESS_KEY,
                    "app.storage.s3.secret-key", SECRET_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.getOutputStream().close();
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                server.destroyForcibly();
            }
        }
        if (directory != null) {
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
