package com.fitnesscrm.goals.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** A client's goal, optionally with a numeric target that its progress is measured against. */
@Entity
@Table(name = "goals")
public class Goal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(nullable = false)
    public String category = "other";

    @Column(name = "target_value")
    public BigDecimal targetValue;

    @Column(name = "target_unit")
    public String targetUnit;

    @Column(name = "current_value", nullable = false)
    public BigDecimal currentValue = BigDecimal.ZERO;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "target_date")
    public LocalDate targetDate;

    /** When the goal last became {@code completed}; cleared when it leaves that status. */
    @Column(name = "completed_date")
    public Instant completedDate;

    @Column(nullable = false)
    public String status = "active";

    @Column(nullable = false)
    public String priority = "medium";

    public String notes;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static Optional<Goal> findInOrganization(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2", id, organizationId).firstResultOptional();
    }

    /**
     * The same, with the row locked until the transaction ends: writes to a goal or its milestones queue behind
     * each other, so a second delete finds nothing (404) instead of failing at commit.
     */
    public static Optional<Goal> findInOrganizationForUpdate(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2", id, organizationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
