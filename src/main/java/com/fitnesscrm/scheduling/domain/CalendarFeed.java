package com.fitnesscrm.scheduling.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A user's secret calendar subscription; deleting the row revokes the URL. */
@Entity
@Table(name = "calendar_feeds")
public class CalendarFeed extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public Long userId;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "token_ciphertext", nullable = false)
    public String tokenCiphertext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    public static Optional<CalendarFeed> findByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResultOptional();
    }
}
