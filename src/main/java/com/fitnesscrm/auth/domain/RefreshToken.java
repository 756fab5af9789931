package com.fitnesscrm.auth.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A single-use refresh token, kept only as its SHA-256 hash. A family is one login and its rotations. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(name = "family_id", nullable = false)
    public UUID familyId;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    /** Locked, so two concurrent refreshes with one token cannot both succeed. */
    public static Optional<RefreshToken> findByHashForUpdate(String hash) {
        return find("tokenHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The logins (families) of a user that still hold a usable refresh token. */
    public static List<UUID> liveFamilies(long userId) {
        return getEntityManager().createQuery("select distinct r.familyId from RefreshToken r"
                        + " where r.userId = :user and r.revokedAt is null", UUID.class)
                .setParameter("user", userId)
                .getResultList();
    }

    public static int revokeFamily(UUID familyId) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", Instant.now(), familyId);
    }

}
