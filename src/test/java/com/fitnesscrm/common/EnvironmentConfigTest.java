package com.fitnesscrm.common;

import com.fitnesscrm.common.config.EnvironmentConfigSourceFactory;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentConfigTest {

    private static SmallRyeConfig configWith(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(environment, "env", 300))
                .withSources(new EnvironmentConfigSourceFactory())
                .build();
    }

    private static SmallRyeConfig configWith(String profile, Map<String, String> applicationProperties) {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250))
                .withSources(new EnvironmentConfigSourceFactory())
                .build();
    }

    /**
     * A plain DATABASE_URL (no currentSchema) left native queries on the server's search path while Flyway and
     * Hibernate used the profile's schema: each connection now starts on the configured schema.
     */
    @Test
    void theConfiguredSchemaLeadsEveryConnectionsSearchPath() {
        SmallRyeConfig dev = configWith("dev", Map.of(
                "%dev.quarkus.hibernate-orm.database.default-schema", "fitnesscrm_dev",
                "%dev.quarkus.flyway.default-schema", "fitnesscrm_dev",
                "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres",
                dev.getValue("quarkus.datasource.jdbc.url", String.class));
        assertEquals("SET search_path TO \"fitnesscrm_dev\", public",
                dev.getValue("quarkus.datasource.jdbc.new-connection-sql", String.class));
        // Flyway's schema alone is enough; quotes in a name are escaped.
        assertEquals("SET search_path TO \"odd\"\"name\", public", configWith("test", Map.of(
                "%test.quarkus.flyway.default-schema", "odd\"name"))
                .getValue("quarkus.datasource.jdbc.new-connection-sql", String.class));
        // No schema configured (production): the URL's or the server's search path, which Flyway and Hibernate use too.
        assertTrue(configWith("prod", Map.of("%dev.quarkus.hibernate-orm.database.default-schema", "fitnesscrm_dev"))
                .getOptionalValue("quarkus.datasource.jdbc.new-connection-sql", String.class).isEmpty());
        // An explicit setting wins.
        assertEquals("SET search_path TO mine", configWith("dev", Map.of(
                "%dev.quarkus.hibernate-orm.database.default-schema", "fitnesscrm_dev",
                "quarkus.datasource.jdbc.new-connection-sql", "SET search_path TO mine"))
                .getValue("quarkus.datasource.jdbc.new-connection-sql", String.class));
    }

    @Test
    void railwayDatabaseUrlBecomesJdbcSettings() {
        SmallRyeConfig config = configWith(Map.of(
                "DATABASE_URL", "postgresql://app:p%40ss@db.internal:6543/railway?sslmode=require"));
        assertEquals("jdbc:postgresql://db.internal:6543/railway?sslmode=require",
                config.getValue("quarkus.datasource.jdbc.url", String.class));
        assertEquals("app", config.getValue("quarkus.datasource.username", String.class));
        assertEquals("p@ss", config.getValue("quarkus.datasource.password", String.class));
    }

    @Test
    void herokuStylePostgresSchemeAndDefaultPortWork() {
        SmallRyeConfig config = configWith(Map.of("DATABASE_URL", "postgres://u:pw@host/db"));
        assertEquals("jdbc:postgresql://host:5432/db", config.getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @Test
    void redisUrlAndMailTlsAreTranslated() {
        SmallRyeConfig config = configWith(Map.of("REDIS_URL", "redis://default:secret@redis.internal:6379",
                "MAIL_USE_TLS", "false"));
        assertEquals("redis://default:secret@redis.internal:6379", config.getValue("quarkus.redis.hosts", String.class));
        assertEquals("DISABLED", config.getValue("quarkus.mailer.start-tls", String.class));
        assertEquals("REQUIRED", configWith(Map.of("MAIL_USE_TLS", "True"))
                .getValue("quarkus.mailer.start-tls", String.class));
    }

    @Test
    void prodNeverInventsASigningKey() {
        SmallRyeConfig config = configWith(Map.of());
        assertTrue(config.getOptionalValue("JWT_PRIVATE_KEY", String.class).isEmpty());
        assertTrue(config.getOptionalValue("mp.jwt.verify.publickey", String.class).isEmpty());
    }

    /**
     * The mailer parses its login mode only when it first sends, so a bad default passed every start-up check while
     * no mail went out (it was OPTIONAL, which Vert.x does not know). The tests' own SMTP server sets DISABLED, so
     * check the shipped default, and the values the README offers, against Vert.x's enum here.
     */
    @Test
    void theShippedSmtpLoginModeIsOneVertxKnows() throws java.io.IOException {
        String properties;
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            properties = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var matcher = java.util.regex.Pattern.compile("(?m)^quarkus\\.mailer\\.login=\\$\\{MAIL_LOGIN:(\\w+)}$")
                .matcher(properties);
        assertTrue(matcher.find(), "quarkus.mailer.login comes from MAIL_LOGIN with a default");
        assertEquals(io.vertx.ext.mail.LoginOption.NONE, io.vertx.ext.mail.LoginOption.valueOf(matcher.group(1)));
        for (String documented : new String[]{"NONE", "REQUIRED", "DISABLED"}) {
            io.vertx.ext.mail.LoginOption.valueOf(documented);
        }
    }
}
