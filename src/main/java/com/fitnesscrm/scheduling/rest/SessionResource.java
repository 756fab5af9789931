package com.fitnesscrm.scheduling.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.scheduling.api.ExportLink;
import com.fitnesscrm.scheduling.api.SessionRequests;
import com.fitnesscrm.scheduling.api.SessionView;
import com.fitnesscrm.scheduling.service.CalendarExportService;
import com.fitnesscrm.scheduling.service.SeriesEditService;
import com.fitnesscrm.scheduling.service.SessionService;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.common.security.Caller;
import jakarta.annotation.security.PermitAll;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Sessions", description = "Training sessions: admins see all, trainers their own, clients their own")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class SessionResource {

    private final SessionService sessions;
    private final SeriesEditService series;
    private final CalendarExportService exports;
    private final CurrentUser caller;

    public SessionResource(SessionService sessions, SeriesEditService series, CalendarExportService exports,
                           CurrentUser caller) {
        this.sessions = sessions;
        this.series = series;
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List sessions", description = "A bare array, ascending by start, in the list form"
            + " (trainer_name, client_name). Dates accept YYYY-MM-DD, YYYY-MM-DDTHH:MM or ISO-8601 with Z.")
    @APIResponse(responseCode = "200", description = "Sessions", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JsonText list(
            @QueryParam("trainer_id") String trainerId,
            @QueryParam("client_id") String clientId,
            @Parameter(description = "scheduled, requested, completed, cancelled or no-show") @QueryParam("status") String status,
            @Parameter(description = "Earliest start") @QueryParam("start_date") String startDate,
            @Parameter(description = "Latest start") @QueryParam("end_date") String endDate) {
        return sessions.list(caller, filter(trainerId, clientId, status, startDate, endDate));
    }

    @GET
    @Path("/export/ical")
    @PermitAll
    @Produces({"text/calendar", MediaType.APPLICATION_JSON})
    @Operation(summary = "Export sessions as iCalendar (.ics)", description = "The sessions the caller may see, as"
            + " RFC 5545 text. Authenticate with the bearer header, or open a signed link from"
            + " GET /api/sessions/export/link (valid five minutes) where no header can be sent.")
    @APIResponse(responseCode = "200", description = "The calendar file", content = @Content(mediaType = "text/calendar",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response exportICal(@QueryParam("access_token") String linkToken,
                               @QueryParam("trainer_id") String trainerId,
                               @QueryParam("client_id") String clientId,
                               @QueryParam("status") String status,
                               @QueryParam("start_date") String startDate,
                               @QueryParam("end_date") String endDate) {
        Caller who = linkToken != null ? exports.callerOfLink(linkToken) : requireCaller();
        String ics = exports.ics(who, filter(trainerId, clientId, status, startDate, endDate));
        return Response.ok(ics, "text/calendar; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"sessions.ics\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/export/link")
    @Operation(summary = "A signed export link", description = "For the SPA's plain download link, which cannot"
            + " carry the bearer header: open `url` within five minutes.")
    @APIResponse(responseCode = "200", description = "The link", content = @Content(schema = @Schema(implementation = ExportLink.class)))
    public ExportLink exportLink(@QueryParam("trainer_id") String trainerId,
                                                       @QueryParam("client_id") String clientId,
                                                       @QueryParam("status") String status,
                                                       @QueryParam("start_date") String startDate,
                                                       @QueryParam("end_date") String endDate) {
        return exports.link(caller, filter(trainerId, clientId, status, startDate, endDate));
    }

    private Caller requireCaller() {
        if (!caller.authenticated()) {
            throw ApiException.unauthorized("unauthorized", "Authentication required: send a bearer token or open"
                    + " a signed link from /api/sessions/export/link");
        }
        return caller;
    }

    private static SessionRequests.Filter filter(String trainerId, String clientId, String status, String startDate,
                                                 String endDate) {
        Integer trainer = QueryValues.integer("trainer_id", trainerId);
        Integer client = QueryValues.integer("client_id", clientId);
        return new SessionRequests.Filter(trainer == null ? null : trainer.longValue(),
                client == null ? null : client.longValue(), status, startDate, endDate);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a session", description = "The single form, with the trainer and client objects.")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SessionView get(@PathParam("id") long id) {
        return sessions.find(caller, id).orElseThrow(() -> ApiException.notFound("Session"));
    }

    @POST
    @Operation(summary = "Book a session", description = "Admins book any trainer and client; a trainer books"
            + " their own clients; a client requests a session with one of their trainers (status requested)."
            + " An overlap with a live session of the same trainer or client answers 409 with the conflict,"
            + " unless an admin or trainer sends override_conflicts.")
    @APIResponse(responseCode = "201", description = "Booked", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (dates, duration over 12 hours, status)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Trainer or client not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Overlaps another session; `conflict` holds it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull SessionRequests.Create request) {
        return Response.status(201).entity(sessions.create(caller, request)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a session", description = "Fields present are updated; moving it re-checks"
            + " the booking rules. Clients may only cancel (inside the organization's cancellation window that is a"
            + " late cancellation, and the trainer is told). A trainer setting a requested session to scheduled"
            + " confirms it; to cancelled declines it. For an occurrence of a series, scope (query or body)"
            + " `following` or `all` applies the change to the upcoming occurrences too, keeping each on its own"
            + " date at the new local time.")
    @APIResponse(responseCode = "200", description = "Updated (the edited occurrence)", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such session visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Overlaps another session, outside working hours or in time off", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SessionView update(@PathParam("id") long id,
                              @Parameter(description = "this (default), following or all") @QueryParam("scope") String scope,
                              @Valid @NotNull SessionRequests.Update request) {
        SeriesEditService.Scope reach = SeriesEditService.Scope.parse(scope != null ? scope : request.scope());
        return series.update(caller, id, request, reach).orElseThrow(() -> ApiException.notFound("Session"));
    }

    @POST
    @Path("/{id}/confirm")
    @Operation(summary = "Confirm a client's session request", description = "The trainer or an admin; the client"
            + " is told by email.")
    @APIResponse(responseCode = "200", description = "Confirmed (status scheduled)", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Not a pending request, or the slot is no longer free", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SessionView confirm(@PathParam("id") long id) {
        return sessions.confirm(caller, id).orElseThrow(() -> ApiException.notFound("Session"));
    }

    @POST
    @Path("/{id}/decline")
    @Operation(summary = "Decline a client's session request", description = "The trainer or an admin; the client"
            + " is told by email, with the reason if given.")
    @APIResponse(responseCode = "200", description = "Declined (status cancelled, declined true)", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Not a pending request", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SessionView decline(@PathParam("id") long id, @Valid SessionRequests.Decline request) {
        return sessions.decline(caller, id, request == null ? null : request.reason())
                .orElseThrow(() -> ApiException.notFound("Session"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a session", description = "Admins, or the session's trainer. For an occurrence of"
            + " a series, scope `following` or `all` deletes the upcoming occurrences too and ends the series.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid scope", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such session visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("id") long id,
                                  @Parameter(description = "this (default), following or all") @QueryParam("scope") String scope) {
        int deleted = series.delete(caller, id, SeriesEditService.Scope.parse(scope))
                .orElseThrow(() -> ApiException.notFound("Session"));
        return new MessageResponse(deleted == 1 ? "Session deleted successfully" : deleted + " sessions deleted");
    }
}
