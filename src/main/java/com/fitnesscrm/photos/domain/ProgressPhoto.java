package com.fitnesscrm.photos.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A client's progress photo; the image itself is the stored object under {@link #storageKey}. */
@Entity
@Table(name = "progress_photos")
public class ProgressPhoto extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public long organizationId;

    @Column(name = "client_id", nullable = false)
    public long clientId;

    @Column(name = "measurement_id")
    public Long measurementId;

    @Column(name = "storage_key", nullable = false)
    public String storageKey;

    /** The MIME type recognised from the bytes at upload. */
    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "file_size", nullable = false)
    public long fileSize;

    @Column(name = "original_filename")
    public String originalFilename;

    @Column(name = "photo_type", nullable = false)
    public String photoType;

    public String caption;

    @Column(name = "taken_date", nullable = false)
    public Instant takenDate;

    @Column(name = "uploaded_by")
    public Long uploadedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    public static Optional<ProgressPhoto> findInOrganization(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2", id, organizationId).firstResultOptional();
    }
}
