package com.fitnesscrm.common.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Translates the platform-style environment (Railway, Heroku, the original Flask app) into Quarkus properties:
 * <ul>
 *   <li>{@code DATABASE_URL=postgres://user:pass@host:port/db} becomes the JDBC URL, user and password;</li>
 *   <li>each database connection's search path starts with the configured schema, so native queries find the
 *       tables Flyway made there whatever the URL's {@code currentSchema} (see {@link #searchPathSql});</li>
 *   <li>{@code REDIS_URL} becomes {@code quarkus.redis.hosts};</li>
 *   <li>{@code MAIL_USE_TLS=true|false} becomes the mailer's STARTTLS mode;</li>
 *   <li>the JWT verification key set is built from the current and the previous public key, so tokens signed
 *       by either verify during a key rotation;</li>
 *   <li>in dev and test, a missing {@code JWT_PRIVATE_KEY} is generated once and kept in {@code .dev-keys/};
 *       in dev without a Docker engine, PostgreSQL and Redis on localhost replace Dev Services.</li>
 * </ul>
 * Explicit Quarkus properties still win: this source sits below the environment and system properties.
 */
public class EnvironmentConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    static final int ORDINAL = 275;
    /** Only fallbacks that application.properties expands, e.g. ${JWT_PRIVATE_KEY}. */
    static final int FALLBACK_ORDINAL = 100;
    static final String NEW_CONNECTION_SQL = "quarkus.datasource.jdbc.new-connection-sql";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean prod = profiles == null || profiles.isEmpty() || profiles.contains("prod");
        boolean dev = profiles != null && profiles.contains("dev");
        // Dev Services only run under quarkus:dev with a Docker engine; the packaged app in the dev profile
        // (the README's run command) and machines without Docker use the local servers.
        boolean localServers = dev && !(io.quarkus.runtime.LaunchMode.current() == io.quarkus.runtime.LaunchMode.DEVELOPMENT
                && DockerProbe.engineAvailable());

        Map<String, String> derived = new HashMap<>();
        Map<String, String> fallbacks = new HashMap<>();

        String databaseUrl = value(context, "DATABASE_URL");
        if (databaseUrl != null) {
            derived.putAll(DatabaseUrl.parse(databaseUrl).toQuarkusProperties());
        } else if (localServers) {
            derived.put("quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=fitnesscrm_dev,public");
            derived.put("quarkus.datasource.username", "postgres");
            derived.put("quarkus.datasource.password", "");
        }

        String searchPath = searchPathSql(context);
        if (searchPath != null) {
            derived.put(NEW_CONNECTION_SQL, searchPath);
        }

        String redisUrl = value(context, "REDIS_URL");
        if (redisUrl != null) {
            derived.put("quarkus.redis.hosts", redisUrl);
        } else if (localServers) {
            derived.put("quarkus.redis.hosts", "redis://127.0.0.1:6379/0");
        }

        String useTls = value(context, "MAIL_USE_TLS");
        if (useTls != null) {
            derived.put("quarkus.mailer.start-tls", Boolean.parseBoolean(useTls.trim()) ? "REQUIRED" : "DISABLED");
        } else if (!prod) {
            derived.put("quarkus.mailer.start-tls", "DISABLED");
        } else {
            derived.put("quarkus.mailer.start-tls", "REQUIRED");
        }

        String privateKeyPem = value(context, "JWT_PRIVATE_KEY");
        if (privateKeyPem == null && !prod) {
            privateKeyPem = DevKeys.loadOrCreate(Path.of(System.getProperty("user.dir"), ".dev-keys"));
            fallbacks.put("JWT_PRIVATE_KEY", privateKeyPem);
        }
        if (privateKeyPem != null) {
            String keyId = orDefault(value(context, "JWT_KEY_ID"), "key-1");
            String previousPem = value(context, "JWT_PREVIOUS_PUBLIC_KEY");
            String previousKeyId = orDefault(value(context, "JWT_PREVIOUS_KEY_ID"), "key-0");
            derived.put("mp.jwt.verify.publickey",
                    JwtKeys.verificationKeySet(privateKeyPem, keyId, previousPem, previousKeyId));
        }

        if (value(context, "ENCRYPTION_KEY") == null && !prod) {
            fallbacks.put("ENCRYPTION_KEY",
                    DevKeys.loadOrCreateEncryptionKey(Path.of(System.getProperty("user.dir"), ".dev-keys")));
        }

        return List.of(
                new PropertiesConfigSource(derived, "fitnesscrm-environment", ORDINAL),
                new PropertiesConfigSource(fallbacks, "fitnesscrm-dev-fallbacks", FALLBACK_ORDINAL));
    }

    /**
     * Flyway creates the tables in the configured default schema and Hibernate qualifies its own SQL with it, but
     * native queries run on the connection's search path, which is whatever the JDBC URL says ({@code currentSchema})
     * or the server's default. With a plain {@code DATABASE_URL} the two differed, and the first native query failed
     * ({@code relation "scheduled_workouts" does not exist}). So every pooled connection starts with the configured
     * schema first on its search path (then {@code public}, where the extensions live), whatever the URL: one
     * mechanism for every profile and every native query. Nothing is set when no schema is configured (production:
     * the URL's or the server's search path, which Flyway and Hibernate then use too), or when
     * {@code quarkus.datasource.jdbc.new-connection-sql} is set explicitly.
     */
    static String searchPathSql(ConfigSourceContext context) {
        if (value(context, NEW_CONNECTION_SQL) != null) {
            return null;
        }
        String schema = value(context, "quarkus.hibernate-orm.database.default-schema");
        if (schema == null) {
            schema = value(context, "quarkus.flyway.default-schema");
        }
        if (schema == null) {
            return null;
        }
        return "SET search_path TO \"" + schema.trim().replace("\"", "\"\"") + "\", public";
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return null;
        }
        return value.getValue();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** {@code postgres://user:pass@host:port/db?sslmode=require} as Railway and Heroku give it. */
    record DatabaseUrl(String host, int port, String database, String username, String password, String query) {

        static DatabaseUrl parse(String url) {
            String trimmed = url.trim();
            if (trimmed.startsWith("jdbc:")) {
                return new DatabaseUrl(null, -1, trimmed, null, null, null);
            }
            URI uri = URI.create(trimmed);
            String scheme = uri.getScheme();
            if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
                throw new IllegalArgumentException("DATABASE_URL must start with postgres:// or postgresql://");
            }
            String user = null;
            String pass = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                pass = parts.length > 1 ? decode(parts[1]) : null;
            }
            String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
            return new DatabaseUrl(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), db, user, pass,
                    uri.getRawQuery());
        }

        Map<String, String> toQuarkusProperties() {
            Map<String, String> props = new HashMap<>();
            if (host == null) {
                props.put("quarkus.datasource.jdbc.url", database);
                return props;
            }
            String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
            props.put("quarkus.datasource.jdbc.url", jdbc);
            if (username != null) {
                props.put("quarkus.datasource.username", username);
            }
            props.put("quarkus.datasource.password", password == null ? "" : password);
            return props;
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }

    static final class DockerProbe {
        private static Boolean available;

        static synchronized boolean engineAvailable() {
            if (available == null) {
                String host = System.getenv("DOCKER_HOST");
                available = (host != null && !host.isBlank()) || socketAnswers(Path.of("/var/run/docker.sock"));
            }
            return available;
        }

        /** A socket file left behind by a stopped engine does not count: it must accept a connection. */
        private static boolean socketAnswers(Path socket) {
            if (!Files.exists(socket)) {
                return false;
            }
            try (var channel = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))) {
                return channel.isConnected();
            } catch (Exception e) {
                return false;
            }
        }
    }
}
