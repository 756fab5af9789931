package com.fitnesscrm.wearables.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the wearables endpoints answer about providers and connections. */
public final class WearableViews {

    private WearableViews() {
    }

    @Schema(description = "A wearable provider this server knows, and the caller's connection to it")
    public record ProviderView(
            @Schema(example = "fitbit") String id,
            @Schema(example = "Fitbit") String name,
            @Schema(description = "False when this server has no credentials for it: connecting answers 503")
            boolean configured,
            @Schema(description = "The data types it can supply", example = "[\"daily\", \"workouts\"]")
            List<String> dataTypes,
            @Schema(description = "The caller's own connection (clients); null when not connected, and for staff")
            @JsonInclude(JsonInclude.Include.ALWAYS) ConnectionView connection) {
    }

    public record ProviderList(List<ProviderView> providers) {
    }

    @Schema(description = "A client's connection to a provider, with its sync status (the integrations dashboard)")
    public record ConnectionView(
            long id,
            @Schema(example = "strava") String provider,
            @Schema(example = "Strava") String providerName,
            long clientId,
            @Schema(description = "active, or needs_reconnect when the provider no longer accepts the grant")
            String status,
            boolean needsReconnect,
            Instant connectedAt,
            @Schema(description = "When a sync last succeeded") Instant lastSyncAt,
            String lastError,
            Instant lastErrorAt,
            @Schema(description = "Records written (new or changed) per data type since connecting")
            Map<String, Integer> itemsSynced,
            @Schema(description = "Share of the 90-day history fetched so far, 0 to 100") int backfillPercent,
            @Schema(description = "Sync jobs waiting to run") int pendingJobs,
            @Schema(description = "When the next daily sync is due") Instant nextSyncAt,
            @Schema(description = "No request to the provider for this connection before then (its rate limit)")
            Instant pausedUntil,
            @Schema(description = "The data types the user granted") List<String> dataTypes) {
    }

    public record ConnectionList(List<ConnectionView> connections) {
    }

    public record ConnectStarted(
            @Schema(description = "Open it in the browser: the provider's consent page") String authorizationUrl,
            String provider,
            @Schema(description = "The link works once, until then") Instant expiresAt) {
    }

    public record SyncQueued(
            @Schema(description = "Jobs added (a sync already waiting is not added twice)") int queued,
            @Schema(description = "The providers being synced") List<String> providers,
            String message) {
    }

    public record Disconnected(String message, String provider,
                               @Schema(description = "Whether the provider confirmed the revocation")
                               boolean revokedAtProvider) {
    }

    @Schema(description = "One integration's state on this server")
    public record IntegrationState(
            @Schema(description = "The server has the credentials it needs") boolean configured,
            @Schema(description = "A client (for staff: any client they see) is connected") boolean connected) {
    }
}
