package com.fitnesscrm.wearables.fitbit.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.wearables.fitbit.FitbitWebhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Google Health API's webhook for Fitbit users (no bearer token: Google calls it). */
@Path("/api/webhooks/fitbit")
@PermitAll
@Tag(name = "Wearables")
@SecurityRequirement(name = "none")
public class FitbitWebhookResource {

    private final FitbitWebhooks webhooks;

    public FitbitWebhookResource(FitbitWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Google Health notifications and subscriber verification", description = "Verification"
            + " ({\"type\":\"verification\"}): 201 with our Authorization secret, 401 without. Notifications (a JSON"
            + " array naming users and data types): the signature is checked when GOOGLE_HEALTH_WEBHOOK_PUBLIC_KEY is"
            + " set, the secret when sent; each known user's data of that type is then fetched through the API.")
    @APIResponse(responseCode = "201", description = "Verification with the secret")
    @APIResponse(responseCode = "204", description = "Notification received")
    @APIResponse(responseCode = "400", description = "Not JSON", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Verification without the secret, a wrong secret or signature", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response receive(byte[] body, @HeaderParam("Authorization") String authorization,
                            @HeaderParam("X-HEALTHAPI-SIGNATURE") String signature,
                            @HeaderParam("GOOGLE-HEALTH-API-SIGNATURE") String altSignature) {
        return switch (webhooks.receive(body, authorization, signature != null ? signature : altSignature)) {
            case CREATED -> Response.status(201).build();
            case ACCEPTED -> Response.noContent().build();
            case UNAUTHORIZED -> throw ApiException.unauthorized("invalid_signature",
                    "Missing or wrong Authorization secret or signature");
        };
    }
}
