package com.fitnesscrm.wearables.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A client's connection to one provider; tokens sealed by SecretBox. */
@Entity
@Table(name = "wearable_connections")
public class WearableConnection extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String NEEDS_RECONNECT = "needs_reconnect";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public long organizationId;

    @Column(name = "client_id", nullable = false)
    public long clientId;

    @Column(name = "user_id", nullable = false)
    public long userId;

    @Column(nullable = false)
    public String provider;

    @Column(name = "provider_user_id", nullable = false)
    public String providerUserId;

    @Column(name = "legacy_user_id")
    public String legacyUserId;

    @Column(nullable = false)
    public String scopes = "";

    @Column(name = "access_token_ciphertext")
    public String accessTokenCiphertext;

    @Column(name = "refresh_token_ciphertext")
    public String refreshTokenCiphertext;

    @Column(name = "token_expires_at")
    public Instant tokenExpiresAt;

    @Column(nullable = false)
    public String status = ACTIVE;

    @Column(name = "connected_at", nullable = false)
    public Instant connectedAt;

    @Column(name = "last_sync_at")
    public Instant lastSyncAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "items_synced", nullable = false)
    public Map<String, Integer> itemsSynced = new HashMap<>();

    @Column(name = "paused_until")
    public Instant pausedUntil;

    @Column(name = "next_sync_at", nullable = false)
    public Instant nextSyncAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<WearableConnection> ofClient(long organizationId, long clientId, String provider) {
        return find("organizationId = ?1 and clientId = ?2 and provider = ?3", organizationId, clientId, provider)
                .firstResultOptional();
    }

    /**
     * Deletes a connection (its tokens with it) and its jobs, jobs first: a worker holds its job's row while it runs
     * and then updates the connection, so taking the connection first could deadlock with it. In a transaction.
     */
    public static void deleteWithJobs(long connectionId) {
        getEntityManager().createNativeQuery("delete from wearable_sync_jobs where connection_id = ?1")
                .setParameter(1, connectionId).executeUpdate();
        delete("id", connectionId);
    }

    /** The connection a provider's webhook names (by the provider's user id, or Google's legacy Fitbit id). */
    public static Optional<WearableConnection> ofProviderUser(String provider, String providerUserId) {
        return find("provider = ?1 and (providerUserId = ?2 or legacyUserId = ?2)", provider, providerUserId)
                .firstResultOptional();
    }
}
