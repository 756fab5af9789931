package com.fitnesscrm.scheduling.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A stretch when a trainer takes no sessions (holiday, course, sick day). */
@Entity
@Table(name = "trainer_time_off")
public class TimeOff extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "trainer_id", nullable = false)
    public Long trainerId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    public String reason;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    /** The trainer's time off that overlaps [from, to). */
    public static List<TimeOff> overlapping(long organizationId, long trainerId, Instant from, Instant to) {
        return list("organizationId = ?1 and trainerId = ?2 and endsAt > ?3 and startsAt < ?4 order by startsAt",
                organizationId, trainerId, from, to);
    }
}
