package com.fitnesscrm.common.storage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import io.quarkus.arc.Unremovable;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Objects in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, s3rver…) through the AWS SDK's synchronous
 * client over the JDK's HTTP connection. Every call has a connect and read timeout in the client and a whole-call
 * timeout, retries with jitter and a circuit breaker around it (SmallRye Fault Tolerance; the SDK's own retries are
 * off so the two do not multiply). A missing object is an answer, not a failure, so it never opens the breaker.
 * Only built when {@code app.storage.type=s3}.
 */
@ApplicationScoped
@Typed(S3FileStorage.class)
@Unremovable
public class S3FileStorage implements FileStorage {

    private static final Logger LOG = Logger.getLogger(S3FileStorage.class);
    private static final int PART_ATTEMPTS = 3;

    private final S3Client client;
    private final String bucket;
    private final int partSize;

    public S3FileStorage(StorageConfig config) {
        StorageConfig.S3 s3 = config.s3();
        this.bucket = s3.bucket().orElseThrow(() -> new IllegalStateException(
                "STORAGE=s3 needs S3_BUCKET (app.storage.s3.bucket)"));
        this.partSize = s3.multipartPartSize();
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s3.connectTimeout())
                        .socketTimeout(s3.readTimeout()))
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3))
                // Checksums only where S3 requires them: S3-compatible servers do not all know the newer
                // trailing-checksum uploads; TLS and Content-MD5-free PUTs are what every one of them accepts.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Plain signed PUT bodies: aws-chunked uploads are not understood by every S3-compatible server
                // (s3rver stores the chunk framing as content). The payload hash is computed from the file.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        s3.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        builder.forcePathStyle(s3.pathStyle().orElse(s3.endpoint().isPresent()));
        this.client = builder.build();
    }

    private static AwsCredentialsProvider credentials(StorageConfig.S3 s3) {
        if (s3.accessKey().isPresent() && s3.secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey().get(),
                    s3.secretKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 200, abortOn = IllegalArgumentException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public void put(String key, Path source, String contentType) {
        // fromFile streams the file and sets its length, so the upload is never held in memory (and a retry
        // simply reads the file again).
        client.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(source));
    }

    /**
     * A multipart upload: parts of {@code partSize} read from the file one at a time (one part in memory), each
     * retried with back-off; the upload is aborted (S3 drops its parts) when a part keeps failing.
     */
    @Override
    public void putLarge(String key, Path source, String contentType) {
        long size;
        try {
            size = Files.size(source);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source, e);
        }
        if (size <= partSize) {
            withRetries("upload of " + key, () -> client.putObject(r -> r.bucket(bucket).key(key)
                    .contentType(contentType), RequestBody.fromFile(source)));
            return;
        }
        String uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType))
                .uploadId();
        try (InputStream in = Files.newInputStream(source)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[partSize];
            for (int number = 1; ; number++) {
                int length = in.readNBytes(buffer, 0, partSize);
                if (length == 0) {
                    break;
                }
                byte[] part = length == partSize ? buffer : Arrays.copyOf(buffer, length);
                int partNumber = number;
                String etag = withRetries("part " + number + " of " + key, () -> client.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(part)).eTag());
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            client.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e instanceof IOException io ? new UncheckedIOException("Upload of " + key + " failed", io)
                    : (RuntimeException) e;
        }
    }

    private static <T> T withRetries(String what, java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt >= PART_ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("S3 %s failed (attempt %d), retrying: %s", what, attempt, e.getMessage());
                try {
                    Thread.sleep(1000L << (attempt - 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Optional<StoredObject> open(String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new StoredObject(in, in.response().contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public void delete(String key) {
        // S3 answers a delete of a missing key with success.
        client.deleteObject(r -> r.bucket(bucket).key(key));
    }

    @Override
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public boolean exists(String key) {
        try {
            client.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
