package com.fitnesscrm.wearables.service;

import com.fitnesscrm.common.security.SecretBox;
import com.fitnesscrm.wearables.domain.WearableConnection;
import com.fitnesscrm.wearables.provider.ProviderFailure;
import com.fitnesscrm.wearables.provider.WearableProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Objects;

/**
 * A connection's tokens: sealed at rest, opened for use, refreshed before they expire and after a 401. A refresh
 * holds the connection's row lock (SELECT … FOR UPDATE in its own transaction) for the whole exchange with the
 * provider, so across threads and replicas one refresh per connection runs at a time, and a caller that waited
 * finds the token the other one got instead of spending the same refresh token again (Strava invalidates a used one
 * at once). A newer refresh token from the provider always replaces the stored one; without one, the stored one stays.
 */
@ApplicationScoped
public class TokenVault {

    private static final Logger LOG = Logger.getLogger(TokenVault.class);

    private final SecretBox box;
    private final ProviderRegistry providers;
    private final WearablesConfig config;
    private final ConnectionAlerts alerts;
    private final MeterRegistry metrics;

    public TokenVault(SecretBox box, ProviderRegistry providers, WearablesConfig config, ConnectionAlerts alerts,
                      MeterRegistry metrics) {
        this.box = box;
        this.providers = providers;
        this.config = config;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    /** Seals a new grant onto the connection (in the caller's transaction). */
    public void store(WearableConnection connection, WearableProvider.Grant grant) {
        connection.accessTokenCiphertext = box.encrypt(grant.accessToken());
        if (grant.refreshToken() != null) {
            connection.refreshTokenCiphertext = box.encrypt(grant.refreshToken());
        }
        connection.tokenExpiresAt = grant.expiresAt();
        if (grant.scopes() != null && !grant.scopes().isBlank()) {
            connection.scopes = grant.scopes();
        }
        connection.updatedAt = Instant.now();
    }

    public String accessToken(WearableConnection connection) {
        return open(connection.accessTokenCiphertext);
    }

    public String refreshToken(WearableConnection connection) {
        return open(connection.refreshTokenCiphertext);
    }

    /**
     * A sealed token opened; one no configured key opens (ENCRYPTION_KEY replaced without keeping the old one in
     * ENCRYPTION_KEY_PREVIOUS) is as good as revoked: only a new consent gives usable tokens.
     */
    private String open(String sealed) {
        try {
            return box.decrypt(sealed);
        } catch (IllegalArgumentException unreadable) {
            throw ProviderFailure.revoked("The stored tokens cannot be decrypted (" + unreadable.getMessage() + ")");
        }
    }

    /** An access token that is valid for a while yet: the stored one, or a fresh one. */
    public String current(long connectionId) {
        WearableConnection c = QuarkusTransaction.requiringNew().call(() -> WearableConnection.findById(connectionId));
        if (c == null || c.accessTokenCiphertext == null) {
            throw ProviderFailure.revoked("The connection has no tokens");
        }
        String token;
        try {
            token = box.decrypt(c.accessTokenCiphertext);
        } catch (IllegalArgumentException unreadable) {
            QuarkusTransaction.requiringNew().run(() -> {
                WearableConnection locked = WearableConnection.findById(connectionId, LockModeType.PESSIMISTIC_WRITE);
                if (locked != null) {
                    markNeedsReconnect(locked, providers.require(locked.provider), "the stored tokens cannot be"
                            + " decrypted with the configured ENCRYPTION_KEY");
                }
            });
            throw ProviderFailure.revoked("The stored tokens cannot be decrypted (" + unreadable.getMessage() + ")");
        }
        if (c.tokenExpiresAt != null && c.tokenExpiresAt.isBefore(Instant.now().plus(config.refreshAhead()))) {
            return refreshed(connectionId, token);
        }
        return token;
    }

    /**
     * A token other than {@code stale} (the one that just got a 401 or is about to expire): refreshed under the row
     * lock, or the one another caller got while this one waited for the lock.
     */
    public String refreshed(long connectionId, String stale) {
        Outcome outcome = QuarkusTransaction.requiringNew().timeout(120).call(() -> refreshLocked(connectionId, stale));
        if (outcome.failure != null) {
            throw outcome.failure;
        }
        return outcome.accessToken;
    }

    private record Outcome(String accessToken, ProviderFailure failure) {
    }

    private Outcome refreshLocked(long connectionId, String stale) {
        WearableConnection c = WearableConnection.findById(connectionId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || c.accessTokenCiphertext == null || c.refreshTokenCiphertext == null) {
            return new Outcome(null, ProviderFailure.revoked("The connection has no tokens"));
        }
        String current;
        String refresh;
        try {
            current = box.decrypt(c.accessTokenCiphertext);
            refresh = box.decrypt(c.refreshTokenCiphertext);
        } catch (IllegalArgumentException unreadable) {
            markNeedsReconnect(c, providers.require(c.provider), "the stored tokens cannot be decrypted with the"
                    + " configured ENCRYPTION_KEY");
            return new Outcome(null, ProviderFailure.revoked("The stored tokens cannot be decrypted"));
        }
        boolean fresh = c.tokenExpiresAt == null || c.tokenExpiresAt.isAfter(Instant.now().plus(config.refreshAhead()));
        if (!Objects.equals(current, stale) && fresh) {
            return new Outcome(current, null);
        }
        WearableProvider provider = providers.require(c.provider);
        try {
            WearableProvider.Grant grant = provider.refresh(refresh);
            store(c, grant);
            metrics.counter("fitnesscrm.wearables.token.refreshes", "provider", c.provider, "outcome", "ok")
                    .increment();
            return new Outcome(grant.accessToken(), null);
        } catch (ProviderFailure e) {
            metrics.counter("fitnesscrm.wearables.token.refreshes", "provider", c.provider, "outcome",
                    e.kind().name().toLowerCase()).increment();
            if (e.kind() == ProviderFailure.Kind.GRANT_REVOKED) {
                markNeedsReconnect(c, provider, e.getMessage());
            }
            return new Outcome(null, e);
        }
    }

    /**
     * The grant is gone at the provider: the tokens are deleted (they open nothing now), syncing stops, and the
     * client is told by email to connect again. In the caller's transaction.
     */
    public void markNeedsReconnect(WearableConnection c, WearableProvider provider, String reason) {
        if (WearableConnection.NEEDS_RECONNECT.equals(c.status)) {
            return;
        }
        LOG.infof("Wearable connection %d (%s) needs reconnecting: %s", c.id, c.provider, reason);
        c.status = WearableConnection.NEEDS_RECONNECT;
        c.accessTokenCiphertext = null;
        c.refreshTokenCiphertext = null;
        c.tokenExpiresAt = null;
        c.lastError = "Reconnect needed: " + truncate(reason, 900);
        c.lastErrorAt = Instant.now();
        c.updatedAt = Instant.now();
        alerts.needsReconnect(c, provider.displayName());
    }

    static String truncate(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }
}
