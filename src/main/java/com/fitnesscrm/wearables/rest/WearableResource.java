package com.fitnesscrm.wearables.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.wearables.api.WearableData;
import com.fitnesscrm.wearables.api.WearableViews;
import com.fitnesscrm.wearables.service.WearableService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Connected wearables: connecting, their sync status, syncing, and the data they give, merged across providers. */
@Path("/api/wearables")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Wearables", description = "Fitbit (through the Google Health API) and Strava: OAuth connections,"
        + " a 90-day backfill, daily and webhook-driven sync, and one merged view of a client's activity")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class WearableResource {

    private static final String CLIENT_ID = "Whose data: required for staff (a client they see); a client reads"
            + " their own";
    private static final String FROM = "First day (YYYY-MM-DD, UTC); default 29 days before to";
    private static final String TO = "Last day included (YYYY-MM-DD, UTC); default today";
    private static final String PROVIDER = "One provider's own records instead of the merged view";

    private final WearableService wearables;
    private final CurrentUser caller;

    public WearableResource(WearableService wearables, CurrentUser caller) {
        this.wearables = wearables;
        this.caller = caller;
    }

    @GET
    @Path("/providers")
    @Operation(summary = "Wearable providers", description = "Each provider, whether this server is configured for"
            + " it, and (for a client) the caller's connection with its sync status.")
    @APIResponse(responseCode = "200", description = "Providers", content = @Content(schema = @Schema(implementation = WearableViews.ProviderList.class)))
    public WearableViews.ProviderList providers() {
        return wearables.providers(caller);
    }

    @POST
    @Path("/{provider}/connect")
    @Operation(summary = "Start connecting a provider", description = "Clients only: answers the provider's consent"
            + " URL, carrying a signed single-use state (10 minutes) and a PKCE S256 challenge. The provider sends"
            + " the browser back to /api/wearables/{provider}/callback.")
    @APIResponse(responseCode = "200", description = "Open authorization_url", content = @Content(schema = @Schema(implementation = WearableViews.ConnectStarted.class)))
    @APIResponse(responseCode = "403", description = "Staff: a client connects their own devices", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown provider", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The provider is not configured on this server", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WearableViews.ConnectStarted connect(@PathParam("provider") String provider) {
        return wearables.connect(caller, provider);
    }

    @GET
    @Path("/{provider}/callback")
    @PermitAll
    @Produces(MediaType.WILDCARD)
    @SecurityRequirement(name = "none")
    @Operation(summary = "OAuth redirect target", description = "The provider sends the browser here with code and"
            + " state. The state must verify (signature, provider, unused, unexpired); the code is exchanged with the"
            + " PKCE verifier, the tokens are stored encrypted and a 90-day backfill is queued. Always answers 303 to"
            + " FRONTEND_URL/client.html?wearable={provider}&status=connected|error[&reason=…].")
    @APIResponse(responseCode = "303", description = "Back to the SPA with the outcome")
    public Response callback(@PathParam("provider") String provider, @QueryParam("code") String code,
                             @QueryParam("state") String state, @QueryParam("scope") String scope,
                             @QueryParam("error") String error) {
        return Response.seeOther(wearables.callback(provider, code, state, scope, error))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    @DELETE
    @Path("/{provider}")
    @Operation(summary = "Disconnect a provider", description = "Revokes the grant at the provider (where it has a"
            + " revoke endpoint) and deletes the tokens. Data synced so far stays. The client, or an admin with"
            + " client_id.")
    @APIResponse(responseCode = "200", description = "Disconnected", content = @Content(schema = @Schema(implementation = WearableViews.Disconnected.class)))
    @APIResponse(responseCode = "404", description = "Not connected, or a client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WearableViews.Disconnected disconnect(@PathParam("provider") String provider,
                                                 @Parameter(description = CLIENT_ID) @QueryParam("client_id") String clientId) {
        return wearables.disconnect(caller, provider, QueryValues.id("client_id", clientId));
    }

    @GET
    @Path("/connections")
    @Operation(summary = "Connections and their sync status", description = "A client's own; staff see those of the"
            + " clients they see, or of one with client_id: connected since, last successful sync, items per data"
            + " type, backfill progress, last error, next scheduled sync.")
    @APIResponse(responseCode = "200", description = "Connections", content = @Content(schema = @Schema(implementation = WearableViews.ConnectionList.class)))
    @APIResponse(responseCode = "404", description = "A client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WearableViews.ConnectionList connections(@QueryParam("client_id") String clientId) {
        return wearables.connections(caller, QueryValues.id("client_id", clientId));
    }

    @POST
    @Path("/sync")
    @Operation(summary = "Sync every connection now", description = "Queues the last days of each granted data type"
            + " for each active connection; a sync already waiting is not queued twice.")
    @APIResponse(responseCode = "200", description = "Queued", content = @Content(schema = @Schema(implementation = WearableViews.SyncQueued.class)))
    public WearableViews.SyncQueued syncAll(@Parameter(description = CLIENT_ID) @QueryParam("client_id") String clientId) {
        return wearables.sync(caller, null, QueryValues.id("client_id", clientId));
    }

    @POST
    @Path("/{provider}/sync")
    @Operation(summary = "Sync one provider now")
    @APIResponse(responseCode = "200", description = "Queued", content = @Content(schema = @Schema(implementation = WearableViews.SyncQueued.class)))
    @APIResponse(responseCode = "404", description = "Not connected", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public WearableViews.SyncQueued sync(@PathParam("provider") String provider,
                                         @Parameter(description = CLIENT_ID) @QueryParam("client_id") String clientId) {
        return wearables.sync(caller, provider, QueryValues.id("client_id", clientId));
    }

    @GET
    @Path("/daily")
    @Operation(summary = "Daily activity", description = "Steps, distance, active minutes, calories and floors per"
            + " day. Merged: one provider's figures per day (the one with the most steps), never a sum.")
    @APIResponse(responseCode = "200", description = "Days", content = @Content(schema = @Schema(implementation = WearableData.DailyList.class)))
    @APIResponse(responseCode = "400", description = "Invalid query", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText daily(@Parameter(description = CLIENT_ID) @QueryParam("client_id") String clientId,
                                        @Parameter(description = FROM) @QueryParam("from") String from,
                                        @Parameter(description = TO) @QueryParam("to") String to,
                                        @Parameter(description = PROVIDER) @QueryParam("provider") String provider) {
        return wearables.daily(caller, query(clientId, from, to, provider));
    }

    @GET
    @Path("/heart-rate")
    @Operation(summary = "Heart rate per day", description = "Resting rate, lowest and highest sample, minutes per"
            + " zone; include=samples adds the intraday samples.")
    @APIResponse(responseCode = "200", description = "Days", content = @Content(schema = @Schema(implementation = WearableData.HeartRateList.class)))
    @APIResponse(responseCode = "400", description = "Invalid query", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText heartRate(@Parameter(description = CLIENT_ID) @QueryParam("client_id") String clientId,
                                                @Parameter(description = FROM) @QueryParam("from") String from,
                                                @Parameter(description = TO) @QueryParam("to") String to,
                                                @Parameter(description = PROVIDER) @QueryParam("provider") String provider,
                                                @Parameter(description = "samples: add the intraday samples") @QueryParam("include") String include) {
        return wearables.heartRate(caller, query(clientId, from, to, provider), "samples".equals(include));
    }

    @GET
    @Path("/sleep")
    @Operation(summary = "Sleep sessions", description = "Sessions starting in the range (from the evening before"
            + " from), with stages. Merged: overlapping sessions from two providers appear once.")
    @APIResponse(responseCode = "200", description = "Sessions", content = @Content(schema = @Schema(implementation = WearableData.SleepList.class)))
    @APIResponse(responseCode = "400", description = "Invalid query", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText sleep(@Parameter(description = CLIENT_ID) @QueryParam("client_id") String clientId,
                                        @Parameter(description = FROM) @QueryParam("from") String from,
                                        @Parameter(description = TO) @QueryParam("to") String to,
                                        @Parameter(description = PROVIDER) @QueryParam("provider") String provider) {
        return wearables.sleep(caller, query(clientId, from, to, provider));
    }

    @GET
    @Path("/workouts")
    @Operation(summary = "Workouts", description = "Merged: the same session from two providers appears once, with"
            + " both sources listed (see the Workout schema for the rule); provider=… gives that provider's own.")
    @APIResponse(responseCode = "200", description = "Workouts", content = @Content(schema = @Schema(implementation = WearableData.WorkoutList.class)))
    @APIResponse(responseCode = "400", description = "Invalid query", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText workouts(@Parameter(description = CLIENT_ID) @QueryParam("client_id") String clientId,
                                             @Parameter(description = FROM) @QueryParam("from") String from,
                                             @Parameter(description = TO) @QueryParam("to") String to,
                                             @Parameter(description = PROVIDER) @QueryParam("provider") String provider) {
        return wearables.workouts(caller, query(clientId, from, to, provider));
    }

    @GET
    @Path("/body")
    @Operation(summary = "Body readings", description = "Weight (kg) and body fat (%), as measured.")
    @APIResponse(responseCode = "200", description = "Readings", content = @Content(schema = @Schema(implementation = WearableData.BodyList.class)))
    @APIResponse(responseCode = "400", description = "Invalid query", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText body(@Parameter(description = CLIENT_ID) @QueryParam("client_id") String clientId,
                                      @Parameter(description = FROM) @QueryParam("from") String from,
                                      @Parameter(description = TO) @QueryParam("to") String to,
                                      @Parameter(description = PROVIDER) @QueryParam("provider") String provider) {
        return wearables.body(caller, query(clientId, from, to, provider));
    }

    private static WearableService.Query query(String clientId, String from, String to, String provider) {
        return new WearableService.Query(QueryValues.id("client_id", clientId), from, to,
                provider == null || provider.isBlank() ? null : provider.trim());
    }
}
