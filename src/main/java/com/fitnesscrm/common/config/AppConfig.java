package com.fitnesscrm.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed application settings; application.properties maps each to its environment variable. */
@ConfigMapping(prefix = "app")
public interface AppConfig {

    /** Public URL of this API, used in links that emails and calendar feeds carry. */
    String baseUrl();

    /** Public URL of the single-page app, used for invitation and password-reset links. */
    String frontendUrl();

    /** CIDR ranges of reverse proxies whose X-Forwarded-For is believed (Railway's edge). */
    Optional<List<String>> trustedProxies();

    Jwt jwt();

    /** Base64 of 32 random bytes: the AES-256 key for secrets stored in the database (ENCRYPTION_KEY). */
    String encryptionKey();

    /** Keys that sealed values before a rotation (ENCRYPTION_KEY_PREVIOUS, comma-separated base64). */
    Optional<String> encryptionKeyPrevious();

    RateLimit rateLimit();

    Password password();

    Duration invitationTtl();

    Duration passwordResetTtl();

    long maxJsonBytes();

    @WithDefault("false")
    boolean demoData();

    Outbox outbox();

    Sql sql();

    interface Sql {
        /**
         * Counts each request's SQL statements and sends the count as X-Sql-Statements (the statement budget
         * tests). Test profile only: production never sends the header.
         */
        @WithDefault("false")
        boolean countStatements();
    }

    /**
     * Environment variables production refuses to start without. The prod profile lists them as
     * ${VARIABLE} expressions, so a missing one stops start-up with a message naming it.
     */
    Optional<RequiredEnvironment> requiredEnvironment();

    interface RequiredEnvironment {
        String database();

        String redis();
    }

    interface Outbox {
        /** Emails claimed per dispatcher run. */
        @WithDefault("20")
        int batchSize();

        /** How often the dispatcher looks for due emails. */
        @WithDefault("15s")
        String interval();
    }

    interface Jwt {
        String privateKey();

        String keyId();

        String issuer();

        Duration accessTokenTtl();

        Duration refreshTokenTtl();
    }

    interface RateLimit {
        /** Credential endpoints: per client IP and per account, per minute. */
        int authPerMinute();

        /** Every other API call without a valid access token: per client IP, per minute. */
        int apiPerMinute();

        /** API calls with a valid access token: per user, per minute. */
        int userPerMinute();

        /**
         * API calls with a valid access token: per client IP, per minute. Higher than the per-user limit, since a
         * studio's front desk and trainers share one public address.
         */
        int ipPerMinute();
    }

    interface Password {
        int bcryptCost();
    }
}
