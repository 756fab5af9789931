package com.fitnesscrm.goals.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A step on the way to a goal; deleted with its goal. */
@Entity
@Table(name = "goal_milestones")
public class GoalMilestone extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "goal_id", nullable = false)
    public Long goalId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "target_value")
    public BigDecimal targetValue;

    @Column(name = "target_date")
    public LocalDate targetDate;

    @Column(nullable = false)
    public boolean completed;

    @Column(name = "completed_date")
    public Instant completedDate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    /** The milestones of several goals in one query, in the order they are due. */
    public static List<GoalMilestone> ofGoals(Collection<Long> goalIds) {
        if (goalIds.isEmpty()) {
            return List.of();
        }
        return list("goalId in ?1 order by targetDate nulls last, id", goalIds);
    }

    public static Optional<GoalMilestone> findOfGoal(long goalId, long id) {
        return find("id = ?1 and goalId = ?2", id, goalId).firstResultOptional();
    }
}
