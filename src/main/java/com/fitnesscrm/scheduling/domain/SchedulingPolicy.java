package com.fitnesscrm.scheduling.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An organization's booking rules; without a row the defaults apply. */
@Entity
@Table(name = "scheduling_policies")
public class SchedulingPolicy extends PanacheEntityBase {

    public static final int DEFAULT_BUFFER_MINUTES = 0;
    public static final int DEFAULT_CANCELLATION_WINDOW_HOURS = 24;

    @Id
    @Column(name = "organization_id")
    public Long organizationId;

    @Column(name = "buffer_minutes", nullable = false)
    public int bufferMinutes = DEFAULT_BUFFER_MINUTES;

    @Column(name = "cancellation_window_hours", nullable = false)
    public int cancellationWindowHours = DEFAULT_CANCELLATION_WINDOW_HOURS;

    /** Whether a client's late cancellation uses a session of their package. */
    @Column(name = "late_cancellation_uses_package", nullable = false)
    public boolean lateCancellationUsesPackage = true;

    /** Whether a no-show uses a session of the client's package. */
    @Column(name = "no_show_uses_package", nullable = false)
    public boolean noShowUsesPackage = true;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
