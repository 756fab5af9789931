package com.fitnesscrm.common.storage;

import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.FieldError;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.RateLimiter;
import com.fitnesscrm.common.security.SecureTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks and steps every upload goes through, for progress photos and files alike: the per-user hourly
 * allowance, the size limit, the type recognised from the bytes, location metadata removed from images, and the
 * write to storage under a random key namespaced by organization. The upload arrives as a temporary file that the
 * REST layer spooled to disk; nothing here reads it into memory.
 */
@ApplicationScoped
public class Uploads {

    private static final Logger LOG = Logger.getLogger(Uploads.class);
    static final String RATE_SCOPE = "upload";

    private final FileStorage storage;
    private final RateLimiter limiter;
    private final StorageConfig config;

    public Uploads(FileStorage storage, RateLimiter limiter, StorageConfig config) {
        this.storage = storage;
        this.limiter = limiter;
        this.config = config;
    }

    /** A file received in a multipart request: where it was spooled, its size and the name the browser gave. */
    public record Incoming(Path file, long size, String fileName) {
    }

    /** What was stored: the object key, the type recognised from the bytes, and the stored size. */
    public record Stored(String key, DetectedType type, long size) {
    }

    /** An object opened for download, with what the response needs. */
    public record Opened(FileStorage.StoredObject object, String contentType, String fileName) {
    }

    /**
     * Counts one upload attempt against the caller's hourly allowance (refused attempts count too: each one had
     * its body spooled); 429 with Retry-After when it is used up. The counter is keyed by the login's id and
     * email, so a recreated database (a reset dev or test schema reusing ids) never inherits another's count.
     */
    public void countUpload(Caller caller) {
        limiter.enforce(RATE_SCOPE, caller.userId() + ":" + caller.email(), config.uploadsPerHour(),
                Duration.ofHours(1));
    }

    /**
     * Checks the upload and writes it to storage. 400 naming {@code file} when it is missing, empty, of a type
     * not in {@code allowed} or a broken image; 413 when larger than {@code maxBytes}. Nothing is stored then.
     */
    public Stored store(long organizationId, String area, Incoming upload, Set<DetectedType> allowed, long maxBytes) {
        if (upload == null || upload.file() == null) {
            throw ApiException.invalidField("file", "is required (multipart field \"file\")");
        }
        if (upload.size() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (upload.size() == 0) {
            throw ApiException.invalidField("file", "is empty");
        }
        Path cleaned = null;
        try {
            DetectedType type = ContentSniffer.detect(upload.file())
                    .filter(allowed::contains)
                    .orElseThrow(() -> ApiException.invalidField("file", "must be " + describe(allowed)
                            + " (recognised by the file's content, not its name)"));
            Path source = upload.file();
            if (type.isImage()) {
                cleaned = Files.createTempFile(upload.file().toAbsolutePath().getParent(), "clean-", ".tmp");
                MetadataStripper.strip(type, upload.file(), cleaned);
                source = cleaned;
            }
            String key = "org-" + organizationId + "/" + area + "/" + SecureTokens.generate();
            storage.put(key, source, type.mimeType());
            return new Stored(key, type, Files.size(source));
        } catch (MetadataStripper.InvalidImageException e) {
            throw ApiException.invalidField("file", "is not a valid image: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (cleaned != null) {
                try {
                    Files.deleteIfExists(cleaned);
                } catch (IOException e) {
                    LOG.warnf("Could not delete the temporary file %s", cleaned);
                }
            }
        }
    }

    /**
     * Stores the upload (as {@link #store}), then records it with {@code record} in a transaction of its own; when
     * recording fails, the stored object is removed again, so a refused upload leaves neither a row nor an object.
     */
    public <T> T storeAndRecord(long organizationId, String area, Incoming upload, Set<DetectedType> allowed,
                                long maxBytes, Function<Stored, T> record) {
        Stored stored = store(organizationId, area, upload, allowed, maxBytes);
        try {
            return QuarkusTransaction.requiringNew().call(() -> record.apply(stored));
        } catch (RuntimeException e) {
            discard(stored.key());
            throw e;
        }
    }

    public Optional<FileStorage.StoredObject> open(String key) {
        return storage.open(key);
    }

    /**
     * Removes a stored object after its row is gone (or was never written). A failure leaves an orphan object
     * behind, which is logged, never an error for the caller: the record is already deleted.
     */
    public void discard(String key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            LOG.warnf("Could not delete the stored object %s (%s); it is orphaned", key, e.getMessage());
        }
    }

    public static ApiException tooLarge(long maxBytes) {
        String message = "is larger than " + megabytes(maxBytes) + " MB";
        return new ApiException(413, "payload_too_large", "File too large: the file " + message,
                List.of(new FieldError("file", message)), null, null);
    }

    static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb == Math.rint(mb) ? Long.toString((long) mb) : String.format(java.util.Locale.ROOT, "%.1f", mb);
    }

    private static String describe(Set<DetectedType> allowed) {
        return "one of " + allowed.stream().map(DetectedType::extension).sorted().collect(Collectors.joining(", "));
    }
}
