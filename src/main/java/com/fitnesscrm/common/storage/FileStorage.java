package com.fitnesscrm.common.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Object storage for uploaded files: the local disk or an S3-compatible bucket ({@code app.storage.type}). Keys are
 * chosen by the caller (random, namespaced by organization, never a user's file name). Writes stream from a file on
 * disk and reads stream to the caller, so no whole upload is ever held in memory.
 */
public interface FileStorage {

    /** Stores the file's bytes under {@code key} (replacing nothing: keys are random). */
    void put(String key, Path source, String contentType);

    /**
     * Stores a file of any size (a database backup): like {@link #put}, but without a bound on the whole upload's
     * duration, in parts where the store has them, each part retried on its own.
     */
    default void putLarge(String key, Path source, String contentType) {
        put(key, source, contentType);
    }

    /** The stored bytes, or empty when there is no such object. The caller closes the stream. */
    Optional<StoredObject> open(String key);

    /** Removes the object; a missing object is not an error. */
    void delete(String key);

    boolean exists(String key);

    /** An open stored object and its length in bytes. */
    record StoredObject(InputStream content, long length) {
    }
}
