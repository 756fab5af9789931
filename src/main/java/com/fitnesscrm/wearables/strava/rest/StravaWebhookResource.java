package com.fitnesscrm.wearables.strava.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.wearables.strava.StravaWebhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Strava's push subscription: the validation GET and the event POSTs (no bearer token: Strava calls it). */
@Path("/api/webhooks/strava")
@PermitAll
@Tag(name = "Wearables")
@SecurityRequirement(name = "none")
public class StravaWebhookResource {

    private final StravaWebhooks webhooks;

    public StravaWebhookResource(StravaWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Strava subscription validation", description = "Echoes hub.challenge as"
            + " {\"hub.challenge\": …} only when hub.verify_token is ours (STRAVA_VERIFY_TOKEN).")
    @APIResponse(responseCode = "200", description = "Validated")
    @APIResponse(responseCode = "403", description = "Wrong verify token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Map<String, String> validate(@QueryParam("hub.mode") String mode,
                                        @QueryParam("hub.challenge") String challenge,
                                        @QueryParam("hub.verify_token") String verifyToken) {
        return Map.of("hub.challenge", webhooks.validate(mode, challenge, verifyToken));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Strava event", description = "Activity create/update/delete and athlete deauthorization."
            + " Answered at once; the activity is then fetched with the athlete's token (a delete is confirmed by"
            + " Strava's 404, a deauthorization by Strava refusing the token). Unknown athletes are ignored.")
    @APIResponse(responseCode = "200", description = "Received")
    @APIResponse(responseCode = "400", description = "Not an event", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Map<String, String> event(byte[] body) {
        return Map.of("status", webhooks.receive(new String(body, StandardCharsets.UTF_8)));
    }
}
