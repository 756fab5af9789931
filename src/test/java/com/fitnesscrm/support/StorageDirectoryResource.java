package com.fitnesscrm.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh local storage directory for each start of the application under test: the database schema is cleaned
 * at start, so organization ids (and with them the org-N/ storage folders) begin again, and leftovers of an
 * earlier run must not count as stored files.
 */
@QuarkusTestResource(StorageDirectoryResource.class)
public class StorageDirectoryResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Path directory;

    /** The storage directory of the running application. */
    public static Path directory() {
        return directory;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path parent = Files.createDirectories(Path.of("target"));
            directory = Files.createTempDirectory(parent.toAbsolutePath(), "test-storage-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("app.storage.local-dir", directory.toString());
    }

    @Override
    public void stop() {
        Path dir = directory;
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // target/ is cleaned by the next build anyway
        }
    }
}
