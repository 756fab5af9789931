package com.fitnesscrm.activity.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the activity feed. The subject's name and email are copied, and its ids are plain numbers, so the
 * row still reads the same after the record is deleted. Rows are written once and never changed: immutable to
 * Hibernate, which then keeps no snapshot of them (for the JSON details that was a serialize-and-parse round trip on
 * every write of the API, 4 % of a booking's Java time).
 */
@Entity
@Immutable
@Table(name = "activity_log")
public class ActivityLog extends PanacheEntityBase {

    /**
     * From the table's sequence, 50 ids per call (migration V13): the row is then written with the rest of its
     * transaction's flush instead of in a round trip of its own the moment it is recorded. The feed orders by
     * created_at; the id only breaks ties.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "activity_log_ids")
    @SequenceGenerator(name = "activity_log_ids", sequenceName = "activity_log_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "user_id")
    public Long userId;

    @Column(name = "user_identifier")
    public String userIdentifier;

    public String role;

    @Column(nullable = false)
    public String action;

    @Column(name = "entity_type", nullable = false)
    public String entityType;

    @Column(name = "entity_id")
    public Long entityId;

    public String name;
    public String email;

    @Column(name = "trainer_id")
    public Long trainerId;

    @Column(name = "client_id")
    public Long clientId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(nullable = false)
    public Map<String, Object> details = Map.of();

    @Column(name = "ip_address")
    public String ipAddress;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();
}
