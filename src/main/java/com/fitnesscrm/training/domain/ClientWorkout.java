package com.fitnesscrm.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A template assigned to a client: the client's own copy of its exercise list, versioned, so the trainer can adjust
 * it without touching the template and every log names the version the client was given.
 */
@Entity
@Table(name = "client_workouts")
public class ClientWorkout extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "workout_template_id", nullable = false)
    public Long workoutTemplateId;

    @Column(name = "program_assignment_id")
    public Long programAssignmentId;

    @Column(name = "assigned_by")
    public Long assignedBy;

    @Column(name = "assigned_date", nullable = false)
    public Instant assignedDate = Instant.now();

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "frequency_per_week")
    public Integer frequencyPerWeek;

    /** "0,2,4": weekdays, 0 = Monday. */
    @Column(name = "schedule_days")
    public String scheduleDays;

    public String notes;

    @Column(nullable = false)
    public String status = "active";

    @Column(nullable = false)
    public int version = 1;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static Optional<ClientWorkout> findInOrganization(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2", id, organizationId).firstResultOptional();
    }

    public List<Integer> weekdays() {
        if (scheduleDays == null || scheduleDays.isBlank()) {
            return List.of();
        }
        return Arrays.stream(scheduleDays.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
