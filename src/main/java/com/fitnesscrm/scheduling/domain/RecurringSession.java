package com.fitnesscrm.scheduling.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/** The rule of a recurring series, in the wall-clock time of its time zone. */
@Entity
@Table(name = "recurring_sessions")
public class RecurringSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "trainer_id", nullable = false)
    public Long trainerId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    public Integer occurrences;

    @Column(name = "start_time", nullable = false)
    public LocalTime startTime;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "duration_minutes", nullable = false)
    public int durationMinutes;

    @Column(name = "recurrence_pattern", nullable = false)
    public String recurrencePattern;

    @Column(name = "interval_weeks", nullable = false)
    public int intervalWeeks = 1;

    /** Comma-separated weekdays, 0 = Monday … 6 = Sunday (the SPA's numbering). */
    @Column(name = "recurrence_days")
    public String recurrenceDays;

    @Column(name = "session_type")
    public String sessionType;

    public String location;
    public String notes;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
