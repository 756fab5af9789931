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
import java.util.Optional;

/** One appointment between a trainer and a client. Times are stored in UTC. */
@Entity
@Table(name = "training_sessions")
public class TrainingSession extends PanacheEntityBase {

    public static final String CANCELLED = "cancelled";
    public static final String COMPLETED = "completed";
    public static final String NO_SHOW = "no-show";
    public static final String REQUESTED = "requested";
    public static final String SCHEDULED = "scheduled";
    /** The longest a session may last (the table's check constraint, ends_at - starts_at <= 12 hours). */
    public static final java.time.Duration MAX_LENGTH = java.time.Duration.ofHours(12);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public Long organizationId;

    @Column(name = "trainer_id", nullable = false)
    public Long trainerId;

    @Column(name = "client_id", nullable = false)
    public Long clientId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "session_type")
    public String sessionType;

    public String location;
    public String notes;

    @Column(nullable = false)
    public String status = "scheduled";

    @Column(name = "recurring_session_id")
    public Long recurringSessionId;

    @Column(name = "allow_overlap", nullable = false)
    public boolean allowOverlap;

    /** A client cancelled inside the organization's cancellation window. */
    @Column(name = "late_cancellation", nullable = false)
    public boolean lateCancellation;

    /** A client's request the trainer turned down (cancelled, but never a booked session). */
    @Column(nullable = false)
    public boolean declined;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancelled_by")
    public Long cancelledBy;

    /** The client's package that paid for this session (billing's, through SessionCredits); null: none. */
    @Column(name = "paid_by_package_id")
    public Long paidByPackageId;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static Optional<TrainingSession> findLive(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2 and deletedAt is null", id, organizationId).firstResultOptional();
    }

    /**
     * Live sessions of the trainer or the client that overlap [start, end), other than those in {@code except}.
     * The trainer's sessions are widened by {@code bufferMinutes} on both sides: the trainer needs that gap
     * between two clients.
     */
    public static List<TrainingSession> overlapping(long organizationId, long trainerId, long clientId,
                                                    Instant start, Instant end, int bufferMinutes,
                                                    java.util.Collection<Long> except) {
        java.time.Duration buffer = java.time.Duration.ofMinutes(bufferMinutes);
        // "endsAt > x" alone bounds no index: every earlier session of the trainer would be read (a sequential
        // scan of the table on benchmark data). A session lasts at most MAX_LENGTH, so one that ends after x
        // starts after x - MAX_LENGTH: the redundant lower bound makes each branch a range of its (trainer or
        // client, starts_at) index (bench/README.md, "Query plans").
        // The outer bounds repeat the widest of the two ranges: PostgreSQL switches a prepared statement to its
        // generic plan after five executions, and a generic plan cannot see which index an OR of two ranges suits,
        // so it read every session of the organization (8,000 rows, 5-8 ms a booking on benchmark data). A range
        // outside the OR is an index condition in every plan.
        return TrainingSession.<TrainingSession>list("organizationId = ?1 and deletedAt is null"
                        + " and status <> 'cancelled' and startsAt < ?6 and startsAt > ?8"
                        + " and ((trainerId = ?2 and startsAt < ?6 and startsAt > ?8 and endsAt > ?5)"
                        + " or (clientId = ?3 and startsAt < ?7 and startsAt > ?9 and endsAt > ?4))"
                        + " order by startsAt",
                organizationId, trainerId, clientId, start, start.minus(buffer), end.plus(buffer), end,
                start.minus(buffer).minus(MAX_LENGTH), start.minus(MAX_LENGTH))
                // The exceptions are dropped here, not by an "id not in" list: Hibernate translates a query with a
                // list parameter to SQL anew on every call, and the overlaps of one slot are a handful of rows.
                .stream().filter(s -> !except.contains(s.id)).toList();
    }

    /** The trainer's live sessions that touch [from, to), for availability. */
    public static List<TrainingSession> busyTimesOfTrainer(long organizationId, long trainerId, Instant from,
                                                           Instant to) {
        // The same redundant lower bound as in overlapping(): a range of the (trainer, starts_at) index.
        return list("organizationId = ?1 and trainerId = ?2 and deletedAt is null and status <> 'cancelled'"
                + " and startsAt < ?4 and startsAt > ?5 and endsAt > ?3 order by startsAt", organizationId, trainerId,
                from, to, from.minus(MAX_LENGTH));
    }
}
