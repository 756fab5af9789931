package com.fitnesscrm.measurements.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.measurements.api.MeasurementRequests;
import com.fitnesscrm.measurements.api.MeasurementView;
import com.fitnesscrm.measurements.service.MeasurementService;
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

/**
 * Measurements keep the shapes the SPA reads (contract section 4, items 2 to 5): single records bare, the list a
 * bare array for the client portal or {@code {measurements, data}} for the admin page (which sends per_page).
 */
@Path("/api/measurements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Measurements", description = "Clients' body measurements, stored in kg and cm and shown in the"
        + " reader's unit system")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class MeasurementResource {

    private static final String UNITS = "metric or imperial for this request; default the caller's unit_system setting";

    private final MeasurementService measurements;
    private final CurrentUser caller;

    public MeasurementResource(MeasurementService measurements, CurrentUser caller) {
        this.measurements = measurements;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List measurements", description = "Newest first. Admins see the organization's, a trainer"
            + " those of the clients they train, a client their own. Without per_page: a bare array of at most"
            + " limit (default 100) rows, which the client portal uses as is; with per_page (the admin page):"
            + " {measurements, data, total, page, per_page, pages}. A date alone as end_date includes that day.")
    @APIResponse(responseCode = "200", description = "A bare array, or the paged object when per_page is sent",
            content = @Content(schema = @Schema(oneOf = {MeasurementView[].class, MeasurementRequests.Page.class})))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "client_id names a client the caller cannot see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response list(@QueryParam("client_id") String clientId,
                         @QueryParam("start_date") String startDate,
                         @QueryParam("end_date") String endDate,
                         @Parameter(description = "1 to 1000, default 100 (without per_page)") @QueryParam("limit") String limit,
                         @QueryParam("page") String page,
                         @Parameter(description = "Sent: the paged object instead of a bare array") @QueryParam("per_page") String perPage,
                         @Parameter(description = UNITS) @QueryParam("units") String units) {
        Integer client = QueryValues.integer("client_id", clientId);
        MeasurementRequests.Filter filter = new MeasurementRequests.Filter(client == null ? null : client.longValue(),
                startDate, endDate);
        if (perPage == null) {
            return Response.ok(measurements.list(caller, filter, QueryValues.integer("limit", limit), units)).build();
        }
        return Response.ok(measurements.page(caller, filter, PageRequest.parse(page, perPage), units)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a measurement", description = "A bare measurement (the edit form uses it as is).")
    @APIResponse(responseCode = "200", description = "The measurement", content = @Content(schema = @Schema(implementation = MeasurementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid units", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such measurement for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MeasurementView get(@PathParam("id") long id, @Parameter(description = UNITS) @QueryParam("units") String units) {
        return measurements.find(caller, id, units).orElseThrow(() -> ApiException.notFound("Measurement"));
    }

    @POST
    @Operation(summary = "Record a measurement", description = "Admins, the client's trainers and the client."
            + " measurement_date defaults to now. Values are converted from weight_unit / measurement_unit (else the"
            + " caller's unit system) to kg and cm; out-of-range values are a 400 naming each field, and nothing is"
            + " stored.")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = MeasurementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The client does not exist or is not the caller's", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull MeasurementRequests.Save request,
                           @Parameter(description = UNITS) @QueryParam("units") String units) {
        return Response.status(201).entity(measurements.create(caller, request, units)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a measurement", description = "Fields present are changed; a unit converts only the"
            + " fields sent with it. client_id is ignored.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = MeasurementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such measurement for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MeasurementView update(@PathParam("id") long id, @Valid @NotNull MeasurementRequests.Save request,
                                  @Parameter(description = UNITS) @QueryParam("units") String units) {
        return measurements.update(caller, id, request, units).orElseThrow(() -> ApiException.notFound("Measurement"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a measurement")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "404", description = "No such measurement for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("id") long id) {
        if (!measurements.delete(caller, id)) {
            throw ApiException.notFound("Measurement");
        }
        return new MessageResponse("Measurement deleted successfully");
    }

    @GET
    @Path("/client/{client_id}/progress")
    @Operation(summary = "A client's progress charts", description = "Top-level weight {dates, values},"
            + " body_composition {dates, body_fat, muscle_mass, bmi}, circumferences {dates, chest, waist, hips,"
            + " thigh_left, thigh_right, arm_left, arm_right, calf_left, calf_right} and vitals {dates,"
            + " resting_heart_rate, blood_pressure_systolic, blood_pressure_diastolic}, oldest first; a chart is"
            + " present only when there is data for it.")
    @APIResponse(responseCode = "200", description = "The charts", content = @Content(schema = @Schema(implementation = MeasurementRequests.Progress.class)))
    @APIResponse(responseCode = "400", description = "Invalid units", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MeasurementRequests.Progress progress(@PathParam("client_id") long clientId,
                                                 @Parameter(description = UNITS) @QueryParam("units") String units) {
        return measurements.progress(caller, clientId, units).orElseThrow(() -> ApiException.notFound("Client"));
    }

    @GET
    @Path("/client/{client_id}/latest")
    @Operation(summary = "A client's newest measurement", description = "{data: measurement or null}.")
    @APIResponse(responseCode = "200", description = "The newest measurement", content = @Content(schema = @Schema(implementation = MeasurementRequests.Latest.class)))
    @APIResponse(responseCode = "400", description = "Invalid units", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client for the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MeasurementRequests.Latest latest(@PathParam("client_id") long clientId,
                                             @Parameter(description = UNITS) @QueryParam("units") String units) {
        return new MeasurementRequests.Latest(measurements.latest(caller, clientId, units).orElse(null));
    }
}
