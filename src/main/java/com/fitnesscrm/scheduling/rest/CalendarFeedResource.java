package com.fitnesscrm.scheduling.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.scheduling.api.CalendarFeedView;
import com.fitnesscrm.scheduling.service.CalendarFeedService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/calendar/feed")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Calendar feed", description = "A secret, revocable iCalendar subscription URL per user")
public class CalendarFeedResource {

    private final CalendarFeedService feeds;
    private final CurrentUser caller;

    public CalendarFeedResource(CalendarFeedService feeds, CurrentUser caller) {
        this.feeds = feeds;
        this.caller = caller;
    }

    @GET
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Your calendar feed URL", description = "404 until one is created with POST.")
    @APIResponse(responseCode = "200", description = "The feed", content = @Content(schema = @Schema(implementation = CalendarFeedView.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No feed yet", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public CalendarFeedView current() {
        return feeds.current(caller).orElseThrow(() -> ApiException.notFound("Calendar feed"));
    }

    @POST
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Create or rotate your calendar feed URL", description = "Any earlier URL stops working.")
    @APIResponse(responseCode = "201", description = "The new feed", content = @Content(schema = @Schema(implementation = CalendarFeedView.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response issue() {
        return Response.status(201).entity(feeds.issue(caller)).build();
    }

    @DELETE
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Revoke your calendar feed URL")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No feed to revoke", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse revoke() {
        if (!feeds.revoke(caller)) {
            throw ApiException.notFound("Calendar feed");
        }
        return new MessageResponse("Calendar feed revoked");
    }

    @GET
    @Path("/{token}.ics")
    @PermitAll
    @Produces({"text/calendar", MediaType.APPLICATION_JSON})
    @Operation(summary = "The calendar behind a feed URL", description = "No bearer token: the URL is the secret."
            + " The sessions its owner may see, 60 days back to 400 days ahead, as RFC 5545.")
    @APIResponse(responseCode = "200", description = "The calendar", content = @Content(mediaType = "text/calendar",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Unknown or revoked feed", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response ics(@PathParam("token") String token) {
        String ics = feeds.ics(token).orElseThrow(() -> ApiException.notFound("Calendar feed"));
        return Response.ok(ics, "text/calendar; charset=utf-8")
                .header("Cache-Control", "private, max-age=300")
                .build();
    }
}
