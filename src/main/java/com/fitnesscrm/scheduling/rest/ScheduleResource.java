package com.fitnesscrm.scheduling.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.scheduling.api.ScheduleViews;
import com.fitnesscrm.scheduling.service.ScheduleService;
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

@Path("/api/schedule")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Schedule", description = "Working hours, time off and bookable slots")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "404", description = "Trainer not found or not yours", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ScheduleResource {

    private static final String TRAINER_ID = "Trainers: omit (their own). Admins and clients: required";

    private final ScheduleService schedule;
    private final CurrentUser caller;

    public ScheduleResource(ScheduleService schedule, CurrentUser caller) {
        this.schedule = schedule;
        this.caller = caller;
    }

    @GET
    @Path("/working-hours")
    @Operation(summary = "A trainer's weekly working hours", description = "The trainer's own, else the"
            + " organization's default (source says which). Sessions outside them are refused with 409"
            + " outside_working_hours unless an admin or trainer overrides.")
    @APIResponse(responseCode = "200", description = "The hours", content = @Content(schema = @Schema(implementation = ScheduleViews.WorkingHours.class)))
    public ScheduleViews.WorkingHours workingHours(@Parameter(description = TRAINER_ID) @QueryParam("trainer_id") String trainerId) {
        return schedule.workingHours(caller, id(trainerId));
    }

    @PUT
    @Path("/working-hours")
    @Operation(summary = "Replace a trainer's weekly working hours", description = "The trainer themself or an"
            + " admin. An empty list returns the trainer to the organization's default.")
    @APIResponse(responseCode = "200", description = "The new hours", content = @Content(schema = @Schema(implementation = ScheduleViews.WorkingHours.class)))
    @APIResponse(responseCode = "400", description = "Invalid or overlapping stretches", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ScheduleViews.WorkingHours setWorkingHours(@Parameter(description = TRAINER_ID) @QueryParam("trainer_id") String trainerId,
                                                      @Valid @NotNull ScheduleViews.WorkingHoursRequest request) {
        return schedule.setWorkingHours(caller, id(trainerId), request);
    }

    @GET
    @Path("/time-off")
    @Operation(summary = "A trainer's time off", description = "Stretches overlapping the range (default: 30 days"
            + " ago to a year ahead).")
    @APIResponse(responseCode = "200", description = "Time off", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ScheduleViews.TimeOff.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<ScheduleViews.TimeOff> timeOff(@Parameter(description = TRAINER_ID) @QueryParam("trainer_id") String trainerId,
                                               @QueryParam("start_date") String startDate,
                                               @QueryParam("end_date") String endDate) {
        return schedule.timeOff(caller, id(trainerId), startDate, endDate);
    }

    @POST
    @Path("/time-off")
    @Operation(summary = "Add time off", description = "The trainer themself or an admin. Sessions in it are"
            + " refused with 409 trainer_time_off; existing ones are left for the trainer to move.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = ScheduleViews.TimeOff.class)))
    @APIResponse(responseCode = "400", description = "Invalid dates", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response addTimeOff(@Valid @NotNull ScheduleViews.TimeOffRequest request) {
        return Response.status(201).entity(schedule.addTimeOff(caller, request)).build();
    }

    @DELETE
    @Path("/time-off/{id}")
    @Operation(summary = "Remove time off")
    @APIResponse(responseCode = "200", description = "Removed", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    public MessageResponse removeTimeOff(@PathParam("id") long id) {
        if (!schedule.removeTimeOff(caller, id)) {
            throw ApiException.notFound("Time off");
        }
        return new MessageResponse("Time off removed");
    }

    @GET
    @Path("/availability")
    @Operation(summary = "Bookable slots of a trainer", description = "Working hours minus live sessions (with the"
            + " buffer), time off and, for a client, their own sessions; only future slots. A client books one with"
            + " POST /api/sessions (it becomes a request the trainer confirms or declines).")
    @APIResponse(responseCode = "200", description = "Free slots", content = @Content(schema = @Schema(implementation = ScheduleViews.Availability.class)))
    @APIResponse(responseCode = "400", description = "Invalid range (at most 62 days)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ScheduleViews.Availability availability(
            @Parameter(description = TRAINER_ID) @QueryParam("trainer_id") String trainerId,
            @Parameter(description = "Default: now") @QueryParam("start_date") String startDate,
            @Parameter(description = "Default: a week after start; a date alone means the end of that day") @QueryParam("end_date") String endDate,
            @Parameter(description = "Slot length in minutes (default 60)") @QueryParam("duration") String duration,
            @Parameter(description = "Minutes between slot starts (default 30)") @QueryParam("step") String step) {
        return schedule.availability(caller, id(trainerId), startDate, endDate,
                QueryValues.integer("duration", duration), QueryValues.integer("step", step));
    }

    private static Long id(String value) {
        Integer id = QueryValues.integer("trainer_id", value);
        return id == null ? null : id.longValue();
    }
}
