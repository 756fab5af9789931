package com.fitnesscrm.wearables.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A connection in progress, until its callback takes it (once). */
@Entity
@Table(name = "wearable_oauth_states")
public class OAuthState extends PanacheEntityBase {

    @Id
    public String nonce;

    @Column(name = "organization_id", nullable = false)
    public long organizationId;

    @Column(name = "user_id", nullable = false)
    public long userId;

    @Column(name = "client_id", nullable = false)
    public long clientId;

    @Column(nullable = false)
    public String provider;

    @Column(name = "code_verifier_ciphertext", nullable = false)
    public String codeVerifierCiphertext;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
