package com.fitnesscrm.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A workout a program or a weekday schedule sets for a date (the client's calendar date). */
@Entity
@Table(name = "scheduled_workouts")
public class ScheduledWorkout extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "client_workout_id", nullable = false)
    public Long clientWorkoutId;

    @Column(name = "program_assignment_id")
    public Long programAssignmentId;

    @Column(name = "program_day")
    public Integer programDay;

    @Column(name = "scheduled_date", nullable = false)
    public LocalDate scheduledDate;

    /** A date of an assignment that was paused: no longer expected. */
    @Column(nullable = false)
    public boolean cancelled;
}
