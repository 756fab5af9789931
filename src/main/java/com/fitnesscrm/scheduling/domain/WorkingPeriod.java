package com.fitnesscrm.scheduling.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalTime;
import java.util.List;

/**
 * One stretch of a weekly working pattern (0 = Monday … 6 = Sunday, local time). Rows without a trainer are the
 * organization's default for trainers who set none of their own.
 */
@Entity
@Table(name = "working_hours")
public class WorkingPeriod extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "trainer_id")
    public Long trainerId;

    @Column(nullable = false)
    public short weekday;

    @Column(name = "start_time", nullable = false)
    public LocalTime startTime;

    @Column(name = "end_time", nullable = false)
    public LocalTime endTime;

    public static List<WorkingPeriod> ofTrainer(long organizationId, long trainerId) {
        return list("organizationId = ?1 and trainerId = ?2 order by weekday, startTime", organizationId, trainerId);
    }

    /** The trainer's own rows and the organization's default in one query. */
    public static List<WorkingPeriod> ofTrainerOrDefault(long organizationId, long trainerId) {
        return list("organizationId = ?1 and (trainerId = ?2 or trainerId is null) order by weekday, startTime",
                organizationId, trainerId);
    }

    public static List<WorkingPeriod> organizationDefault(long organizationId) {
        return list("organizationId = ?1 and trainerId is null order by weekday, startTime", organizationId);
    }

    public static void replace(long organizationId, Long trainerId, List<WorkingPeriod> periods) {
        if (trainerId == null) {
            delete("organizationId = ?1 and trainerId is null", organizationId);
        } else {
            delete("organizationId = ?1 and trainerId = ?2", organizationId, trainerId);
        }
        persist(periods);
    }
}
