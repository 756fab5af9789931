package com.fitnesscrm.wearables.strava;

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
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Strava's Webhook Events API (developers.strava.com/docs/webhooks). The subscription validation echoes
 * {@code hub.challenge} only with our {@code hub.verify_token}. Events are unsigned, so none is believed as data: an
 * activity create, update or delete queues a fetch of that activity with the athlete's own token (a delete is
 * confirmed by Strava's 404), and a deauthorization queues a check that Strava refuses the token before the
 * connection goes. Events are answered at once (Strava wants 200 within 2 s); the queue applies them within seconds.
 */
@ApplicationScoped
public class StravaWebhooks {

    private static final Logger LOG = Logger.getLogger(StravaWebhooks.class);

    private final StravaConfig config;
    private final SyncQueue queue;
    private final SyncWorker worker;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public StravaWebhooks(StravaConfig config, SyncQueue queue, SyncWorker worker, ObjectMapper json,
                          MeterRegistry metrics) {
        this.config = config;
        this.queue = queue;
        this.worker = worker;
        this.json = json;
        this.metrics = metrics;
    }

    /** The challenge to echo, when the mode and our verify token match; else a 403. */
    public String validate(String mode, String challenge, String verifyToken) {
        String ours = config.verifyToken().filter(s -> !s.isBlank()).orElse(null);
        if (ours == null || !"subscribe".equals(mode) || challenge == null || verifyToken == null
                || !MessageDigest.isEqual(ours.getBytes(StandardCharsets.UTF_8),
                verifyToken.getBytes(StandardCharsets.UTF_8))) {
            count("validation_refused");
            throw ApiException.forbidden("hub.verify_token does not match");
        }
        count("validated");
        return challenge;
    }

    /** What an event led to, for the answer and the log. */
    public String receive(String body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "The event is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw ApiException.badRequest("invalid_event", "The event is not a JSON object");
        }
        if (config.subscriptionId().isPresent() && event.hasNonNull("subscription_id")
                && event.get("subscription_id").asLong() != config.subscriptionId().get()) {
            return outcome("ignored_subscription");
        }
        String objectType = event.path("object_type").asText("");
        String aspect = event.path("aspect_type").asText("");
        String owner = event.path("owner_id").asText("");
        String objectId = event.path("object_id").asText("");
        if (!owner.matches("\\d{1,20}") || !objectId.matches("\\d{1,20}")) {
            throw ApiException.badRequest("invalid_event", "owner_id and object_id must be Strava ids");
        }
        String result = QuarkusTransaction.requiringNew().call(() -> {
            Optional<WearableConnection> found = WearableConnection.ofProviderUser(StravaProvider.ID, owner);
            if (found.isEmpty() || !WearableConnection.ACTIVE.equals(found.get().status)) {
                return "ignored_unknown_athlete";
            }
            WearableConnection c = found.get();
            if ("activity".equals(objectType) && (aspect.equals("create") || aspect.equals("update")
                    || aspect.equals("delete"))) {
                queue.object(c, DataType.WORKOUTS, objectId);
                return "queued_activity_" + aspect;
            }
            if ("athlete".equals(objectType) && "false".equals(event.path("updates").path("authorized").asText())) {
                queue.deauthorizationCheck(c);
                return "queued_deauthorization_check";
            }
            return "ignored_" + objectType + "_" + aspect;
        });
        if (result.startsWith("queued")) {
            worker.kick();
        }
        LOG.infof("Strava event %s %s (owner %s): %s", objectType, aspect, owner, result);
        return outcome(result);
    }

    private String outcome(String result) {
        count(result.startsWith("queued") ? "queued" : "ignored");
        return result;
    }

    private void count(String outcome) {
        metrics.counter("fitnesscrm.wearables.webhooks", "provider", StravaProvider.ID, "outcome", outcome).increment();
    }
}
