package com.fitnesscrm.wearables.fitbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.wearables.domain.WearableConnection;
import com.fitnesscrm.wearables.provider.DataType;
import com.fitnesscrm.wearables.service.SyncQueue;
import com.fitnesscrm.wearables.service.SyncWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * The Google Health API's webhook (developers.google.com/health: Webhook subscriptions, Notifications). The
 * subscriber verification sends {@code {"type":"verification"}} twice: with our secret in Authorization (answer 201)
 * and without (answer 401). A notification is a JSON array of {@code {data:{healthUserId, dataType, …}}}; when a
 * public key is configured its {@code X-HEALTHAPI-SIGNATURE} (ECDSA P-256 over the raw body; Tink's 5-byte key-id
 * prefix before the DER signature, or bare DER) must verify, and when the request carries an Authorization header it
 * must be our secret. Either way a notification is only a hint: the named user's data of that type is then fetched
 * with their own token, nothing in it is stored, unknown users are ignored, and a flood for one user is one pending
 * sync (the queue's pending key).
 */
@ApplicationScoped
public class FitbitWebhooks {

    private static final Logger LOG = Logger.getLogger(FitbitWebhooks.class);
    /** Google Health data types (kebab-case, as notifications name them) in our normalized types. */
    private static final Map<String, DataType> TYPES = Map.ofEntries(
            Map.entry("steps", DataType.DAILY), Map.entry("distance", DataType.DAILY),
            Map.entry("floors", DataType.DAILY), Map.entry("altitude", DataType.DAILY),
            Map.entry("active-minutes", DataType.DAILY), Map.entry("active-zone-minutes", DataType.DAILY),
            Map.entry("total-calories", DataType.DAILY), Map.entry("active-energy-burned", DataType.DAILY),
            Map.entry("heart-rate", DataType.HEART_RATE), Map.entry("daily-resting-heart-rate", DataType.HEART_RATE),
            Map.entry("sleep", DataType.SLEEP), Map.entry("exercise", DataType.WORKOUTS),
            Map.entry("weight", DataType.BODY), Map.entry("body-fat", DataType.BODY));
    /** Tink's output prefix: a version byte (0x01) and a 4-byte key id before the signature. */
    private static final int TINK_PREFIX = 5;

    public enum Verdict { CREATED, UNAUTHORIZED, ACCEPTED }

    private final FitbitConfig config;
    private final SyncQueue queue;
    private final SyncWorker worker;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Optional<PublicKey> publicKey;

    public FitbitWebhooks(FitbitConfig config, SyncQueue queue, SyncWorker worker, ObjectMapper json,
                          MeterRegistry metrics) {
        this.config = config;
        this.queue = queue;
        this.worker = worker;
        this.json = json;
        this.metrics = metrics;
        this.publicKey = config.webhookPublicKey().filter(s -> !s.isBlank()).map(FitbitWebhooks::parseKey);
    }

    public Verdict receive(byte[] body, String authorization, String signature) {
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "The notification is not JSON");
        }
        if (payload != null && payload.isObject() && "verification".equals(payload.path("type").asText())) {
            boolean ok = secretMatches(authorization);
            count(ok ? "verified" : "verification_refused");
            return ok ? Verdict.CREATED : Verdict.UNAUTHORIZED;
        }
        if (authorization != null && !secretMatches(authorization)) {
            count("bad_secret");
            return Verdict.UNAUTHORIZED;
        }
        if (publicKey.isPresent() && !signatureValid(body, signature)) {
            count("bad_signature");
            return Verdict.UNAUTHORIZED;
        }
        if (payload == null || !payload.isArray()) {
            throw ApiException.badRequest("invalid_notification", "A notification is a JSON array");
        }
        int queued = QuarkusTransaction.requiringNew().call(() -> {
            int added = 0;
            for (JsonNode item : payload) {
                JsonNode data = item.path("data");
                String user = data.path("healthUserId").asText("");
                DataType type = TYPES.get(data.path("dataType").asText(""));
                if (user.isEmpty() || user.length() > 100 || type == null) {
                    continue;
                }
                Optional<WearableConnection> c = WearableConnection.ofProviderUser(GoogleHealthProvider.ID, user);
                if (c.isEmpty() || !WearableConnection.ACTIVE.equals(c.get().status)) {
                    count("ignored_unknown_user");
                    continue;
                }
                added += queue.recent(c.get(), SyncQueue.WEBHOOK, EnumSet.of(type));
            }
            return added;
        });
        count(queued > 0 ? "queued" : "collapsed_or_ignored");
        if (queued > 0) {
            worker.kick();
        }
        LOG.debugf("Google Health notification: %d items, %d syncs queued", payload.size(), queued);
        return Verdict.ACCEPTED;
    }

    private boolean secretMatches(String authorization) {
        String secret = config.webhookSecret().filter(s -> !s.isBlank()).orElse(null);
        return secret != null && authorization != null && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA256withECDSA over the raw body: the signature as sent (bare DER), or after Tink's 5-byte prefix. */
    boolean signatureValid(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            try {
                signature = Base64.getUrlDecoder().decode(header.trim());
            } catch (IllegalArgumentException again) {
                return false;
            }
        }
        if (verify(body, signature)) {
            return true;
        }
        return signature.length > TINK_PREFIX && signature[0] == 0x01
                && verify(body, Arrays.copyOfRange(signature, TINK_PREFIX, signature.length));
    }

    private boolean verify(byte[] body, byte[] der) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(publicKey.orElseThrow());
            ecdsa.update(body);
            return ecdsa.verify(der);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A P-256 public key as PEM ("-----BEGIN PUBLIC KEY-----") or the base64 of its DER SubjectPublicKeyInfo. */
    static PublicKey parseKey(String text) {
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("GOOGLE_HEALTH_WEBHOOK_PUBLIC_KEY is not an EC public key (PEM or base64"
                    + " DER SubjectPublicKeyInfo)", e);
        }
    }

    private void count(String outcome) {
        metrics.counter("fitnesscrm.wearables.webhooks", "provider", GoogleHealthProvider.ID, "outcome", outcome)
                .increment();
    }

}
