package com.fitnesscrm.backups.service;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A PostgreSQL database as pg_dump, pg_restore and JDBC each want it, read from a JDBC URL
 * ({@code jdbc:postgresql://host:port/db?...}) or a {@code postgres://user:pass@host:port/db} URL. The password
 * is handed to the tools in their environment (PGPASSWORD), never on a command line that {@code ps} would show.
 */
public record PostgresTarget(String host, int port, String database, String user, String password, String sslMode) {

    public static PostgresTarget parse(String url, String defaultUser, String defaultPassword) {
        String trimmed = url.trim();
        boolean jdbc = trimmed.startsWith("jdbc:");
        URI uri = URI.create(jdbc ? trimmed.substring(5) : trimmed);
        String scheme = uri.getScheme();
        if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
            throw new IllegalArgumentException("Not a PostgreSQL URL (postgres://… or jdbc:postgresql://…)");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = query.getOrDefault("user", defaultUser);
        String password = query.getOrDefault("password", defaultPassword);
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PostgresTarget(uri.getHost() == null ? "localhost" : uri.getHost(),
                uri.getPort() == -1 ? 5432 : uri.getPort(), decode(database), user == null ? "postgres" : user,
                password, query.get("sslmode"));
    }

    /** The same server, another database (the scratch database a backup is verified in). */
    public PostgresTarget withDatabase(String otherDatabase) {
        return new PostgresTarget(host, port, otherDatabase, user, password, sslMode);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (sslMode == null ? "" : "?sslmode=" + sslMode);
    }

    /** Connection options of the command-line tools. */
    public java.util.List<String> toolArguments() {
        return java.util.List.of("--host", host, "--port", Integer.toString(port), "--username", user,
                "--dbname", database, "--no-password");
    }

    public Map<String, String> toolEnvironment() {
        Map<String, String> env = new HashMap<>();
        if (password != null && !password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        if (sslMode != null) {
            env.put("PGSSLMODE", sslMode);
        }
        env.put("PGCONNECT_TIMEOUT", "10");
        return env;
    }

    /** For logs and answers: the server and database, never the credentials. */
    public String describe() {
        return host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
