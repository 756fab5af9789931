package com.fitnesscrm.common.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where uploaded files live, how long their signed links work, and how many uploads a user may make. */
@ConfigMapping(prefix = "app.storage")
public interface StorageConfig {

    enum Type { LOCAL, S3 }

    /** {@code local} (a directory on this machine; dev and tests) or {@code s3} (any S3-compatible service). */
    @WithDefault("local")
    Type type();

    /** The directory of the local storage; created when missing. */
    @WithDefault("data/uploads")
    String localDir();

    S3 s3();

    /** How long a signed file_url / download_url works (the SPA opens them as plain links). */
    @WithDefault("PT10M")
    Duration signedUrlTtl();

    /** Uploads (photos and files together) one user may make per sliding hour. */
    @WithDefault("10")
    int uploadsPerHour();

    interface S3 {
        /** e.g. https://s3.eu-west-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://127.0.0.1:9000. */
        Optional<String> endpoint();

        Optional<String> bucket();

        @WithDefault("us-east-1")
        String region();

        /** Without a key pair the SDK's default chain is used (environment, profile, container or instance role). */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Path-style addressing (endpoint/bucket/key); defaults to true when an endpoint is set (MinIO, R2, s3rver). */
        Optional<Boolean> pathStyle();

        @WithDefault("5s")
        Duration connectTimeout();

        /** Socket read timeout of one request; whole calls are also bounded by the fault-tolerance timeouts. */
        @WithDefault("30s")
        Duration readTimeout();

        /**
         * Objects larger than this (backups) are uploaded in parts of this size, each retried on its own, with no
         * limit on the whole upload's duration. S3 wants at least 5 MB a part (except the last) and at most 10,000.
         */
        @WithDefault("16777216")
        int multipartPartSize();
    }
}
