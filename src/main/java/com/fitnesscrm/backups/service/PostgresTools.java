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
import java.util.Map;
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
        List<String> command = new ArrayList<>(List.of(pgDump.toString(), "--format=custom",
                // A table locked by a long migration fails the dump rather than stalling it (and the backup lock).
                "--lock-wait-timeout=300000"));
        command.addAll(options);
        command.addAll(source.toolArguments());
        Process process = start(command, source);
        Watchdog watchdog = Watchdog.start(process, timeout);
        CompletableFuture<String> errors = drain(process.getErrorStream());
        long bytes;
        try (InputStream out = process.getInputStream()) {
            bytes = out.transferTo(sink);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        finish(process, errors, "pg_dump", watchdog);
        return bytes;
    }

    /** Runs pg_restore into {@code target}, feeding it the dump from {@code dump}. */
    void restore(PostgresTarget target, InputStream dump, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(List.of(pgRestore.toString(), "--exit-on-error", "--no-owner",
                "--no-privileges", "--no-comments"));
        command.addAll(target.toolArguments());
        Process process = start(command, target);
        Watchdog watchdog = Watchdog.start(process, timeout);
        CompletableFuture<String> errors = drain(process.getErrorStream());
        CompletableFuture<String> output = drain(process.getInputStream());
        try (OutputStream in = process.getOutputStream()) {
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = dump.read(buffer);
                } catch (IOException unreadable) {
                    // The dump could not be read (decryption failed): that is the news, and pg_restore must not
                    // go on with a cut-off stream.
                    process.destroyForcibly();
                    throw unreadable;
                }
                if (n < 0) {
                    break;
                }
                try {
                    in.write(buffer, 0, n);
                } catch (IOException pipe) {
                    // pg_restore stopped reading: it exited, and its own error is the news.
                    boolean exited = waitQuietly(process, Duration.ofSeconds(5));
                    if (!exited) {
                        process.destroyForcibly();
                    }
                    IOException failure = new IOException("pg_restore failed"
                            + (exited ? " (exit " + process.exitValue() + ")" : "") + ": " + firstLines(errors.join()));
                    failure.addSuppressed(pipe);
                    throw failure;
                }
            }
        }
        output.join();
        finish(process, errors, "pg_restore", watchdog);
    }

    /** Kills a tool that outlives its time; {@link #fired} tells a timeout from a failure. */
    private record Watchdog(java.util.concurrent.ScheduledFuture<?> kill, java.util.concurrent.atomic.AtomicBoolean fired,
                            Duration timeout) {
        static Watchdog start(Process process, Duration timeout) {
            java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
            return new Watchdog(WATCHDOGS.schedule(() -> {
                if (process.isAlive()) {
                    fired.set(true);
                    process.destroyForcibly();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS), fired, timeout);
        }
    }

    private static final java.util.concurrent.ScheduledExecutorService WATCHDOGS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pg-tool-watchdog");
                t.setDaemon(true);
                return t;
            });

    private static Process start(List<String> command, PostgresTarget target) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only what the tools need: the service's own secrets (keys, tokens) stay out of the child's environment.
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("LANG", "C.UTF-8");
        env.putAll(target.toolEnvironment());
        return builder.start();
    }

    private static void finish(Process process, CompletableFuture<String> errors, String tool, Watchdog watchdog)
            throws IOException {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(tool + " was interrupted");
        } finally {
            watchdog.kill().cancel(false);
        }
        if (watchdog.fired().get()) {
            throw new IOException(tool + " did not finish within " + watchdog.timeout() + " and was stopped");
        }
        if (process.exitValue() != 0) {
            throw new IOException(tool + " failed (exit " + process.exitValue() + "): " + firstLines(errors.join()));
        }
    }

    /**
     * A tool's error for logs, reports and the backups list: its first lines, before any DETAIL or CONTEXT line
     * (those quote row values), scrubbed again by the reporters.
     */
    static String firstLines(String stderr) {
        StringBuilder out = new StringBuilder();
        for (String line : stderr.trim().split("\n")) {
            String upper = line.trim().toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("DETAIL") || upper.startsWith("CONTEXT") || upper.startsWith("COMMAND WAS")
                    || out.length() > 400) {
                break;
            }
            out.append(out.length() == 0 ? "" : " ").append(line.trim());
        }
        return out.toString();
    }

    private static boolean waitQuietly(Process process, Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
