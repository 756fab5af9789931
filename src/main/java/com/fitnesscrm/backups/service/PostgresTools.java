package com.fitnesscrm.backups.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds pg_dump and pg_restore of the database server's major version and runs them with streams. pg_dump cannot
 * dump a newer server, and a restore is only trusted with the tools that wrote the dump, so the major versions must
 * match. Looked up in order: {@code PG_BIN_DIR}; Debian's {@code /usr/lib/postgresql/MAJOR/bin}; the
 * {@code PATH} (the runtime image's postgresql client package). The first whose {@code --version} matches wins.
 */
final class PostgresTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    /** Threads that read the tools' output pipes (one per pipe, so neither can fill up and stall the tool). */
    private static final java.util.concurrent.ExecutorService DRAINERS = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "pg-tool-output");
                t.setDaemon(true);
                return t;
            });

    final Path pgDump;
    final Path pgRestore;
    final int major;

    private PostgresTools(Path pgDump, Path pgRestore, int major) {
        this.pgDump = pgDump;
        this.pgRestore = pgRestore;
        this.major = major;
    }

    static PostgresTools find(int serverMajor, Optional<String> binDir) throws IOException {
        List<Path> candidates = new ArrayList<>();
        binDir.filter(d -> !d.isBlank()).ifPresent(d -> candidates.add(Path.of(d)));
        candidates.add(Path.of("/usr/lib/postgresql/" + serverMajor + "/bin"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir));
            }
        }
        List<String> seen = new ArrayList<>();
        for (Path dir : candidates) {
            Path dump = dir.resolve("pg_dump");
            Path restore = dir.resolve("pg_restore");
            if (Files.isExecutable(dump) && Files.isExecutable(restore)) {
                int dumpMajor = versionOf(dump);
                if (dumpMajor == serverMajor && versionOf(restore) == serverMajor) {
                    return new PostgresTools(dump, restore, serverMajor);
                }
                seen.add(dump + " (" + dumpMajor + ")");
            }
        }
        throw new IOException("No pg_dump/pg_restore of PostgreSQL " + serverMajor + " found (set PG_BIN_DIR)"
                + (seen.isEmpty() ? "" : "; found only " + String.join(", ", seen)));
    }

    private static int versionOf(Path tool) {
        try {
            Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = VERSION.matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs pg_dump, copying its standard output into {@code sink}; returns the bytes written. */
    long dump(PostgresTarget source, List<String> options, OutputStream sink, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(List.of(pgDump.toString(), "--format=custom"));
        command.addAll(options);
        command.addAll(source.toolArguments());
        Process process = start(command, source);
        CompletableFuture<String> errors = drain(process.getErrorStream());
        long bytes;
        try (InputStream out = process.getInputStream()) {
            bytes = out.transferTo(sink);
        }
        finish(process, errors, "pg_dump", timeout);
        return bytes;
    }

    /** Runs pg_restore into {@code target}, feeding it the dump from {@code dump}. */
    void restore(PostgresTarget target, InputStream dump, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(List.of(pgRestore.toString(), "--exit-on-error", "--no-owner",
                "--no-privileges", "--no-comments"));
        command.addAll(target.toolArguments());
        Process process = start(command, target);
        CompletableFuture<String> errors = drain(process.getErrorStream());
        CompletableFuture<String> output = drain(process.getInputStream());
        IOException feedFailure = null;
        try (OutputStream in = process.getOutputStream()) {
            dump.transferTo(in);
        } catch (IOException e) {
            // A decryption failure surfaces here; pg_restore then sees a cut-off stream and fails too.
            feedFailure = e;
        }
        if (feedFailure != null) {
            process.destroyForcibly();
            throw feedFailure;
        }
        output.join();
        finish(process, errors, "pg_restore", timeout);
    }

    private static Process start(List<String> command, PostgresTarget target) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(target.toolEnvironment());
        return builder.start();
    }

    private static void finish(Process process, CompletableFuture<String> errors, String tool, Duration timeout)
            throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(tool + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(tool + " was interrupted");
        }
        if (process.exitValue() != 0) {
            String message = errors.join().trim();
            throw new IOException(tool + " failed (exit " + process.exitValue() + "): "
                    + (message.length() > 600 ? message.substring(0, 600) + "…" : message));
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, DRAINERS);
    }
}
