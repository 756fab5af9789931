package com.fitnesscrm.files.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** An uploaded document or media file; the bytes are the stored object under {@link #storageKey}. */
@Entity
@Table(name = "files")
public class StoredFile extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public long organizationId;

    @Column(name = "storage_key", nullable = false)
    public String storageKey;

    @Column(name = "original_filename", nullable = false)
    public String originalFilename;

    @Column(name = "file_size", nullable = false)
    public long fileSize;

    /** The MIME type recognised from the bytes at upload. */
    @Column(name = "file_type", nullable = false)
    public String fileType;

    @Column(nullable = false)
    public String category;

    @Column(name = "client_id")
    public Long clientId;

    @Column(name = "trainer_id")
    public Long trainerId;

    @Column(name = "session_id")
    public Long sessionId;

    public String description;

    @Column(name = "uploaded_by")
    public Long uploadedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static Optional<StoredFile> findInOrganization(long organizationId, long id) {
        return find("id = ?1 and organizationId = ?2", id, organizationId).firstResultOptional();
    }
}
