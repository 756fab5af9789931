package com.fitnesscrm.activity.rest;

import com.fitnesscrm.activity.api.ActivityFilter;
import com.fitnesscrm.activity.api.ActivityList;
import com.fitnesscrm.activity.api.ActivityStats;
import com.fitnesscrm.activity.service.ActivityService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.QueryValues;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/activity")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Activity", description = "The activity feed: admins see the organization, trainers the activity"
        + " around themselves and their clients, a client around themself")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ActivityResource {

    private final ActivityService activity;
    private final CurrentUser caller;

    public ActivityResource(ActivityService activity, CurrentUser caller) {
        this.activity = activity;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List activity", description = "Newest first. Empty filter values mean no filter."
            + " ip_address and user_agent are shown to admins only.")
    @APIResponse(responseCode = "200", description = "Activity rows",
            content = @Content(schema = @Schema(implementation = ActivityList.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ActivityList list(
            @Parameter(description = "create, update or delete") @QueryParam("action") String action,
            @Parameter(description = "client, trainer or assignment") @QueryParam("entity_type") String entityType,
            @Parameter(description = "Id of the record") @QueryParam("entity_id") String entityId,
            @Parameter(description = "Rows, 1 or more (default 100; above 1000 counts as 1000)") @QueryParam("limit") String limit) {
        Integer id = QueryValues.integer("entity_id", entityId);
        return activity.list(caller, new ActivityFilter(action, entityType, id == null ? null : id.longValue(),
                QueryValues.integer("limit", limit)));
    }

    @GET
    @Path("/recent")
    @Operation(summary = "Recent activity", description = "Newest first. ip_address and user_agent are shown to"
            + " admins only.")
    @APIResponse(responseCode = "200", description = "Activity rows",
            content = @Content(schema = @Schema(implementation = ActivityList.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ActivityList recent(
            @Parameter(description = "Rows, 1 or more (default 100; above 1000 counts as 1000)") @QueryParam("limit") String limit) {
        return activity.recent(caller, QueryValues.integer("limit", limit));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Activity counts", description = "Total, by action and by entity type, over the activity"
            + " the caller may see.")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(schema = @Schema(implementation = ActivityStats.class)))
    public ActivityStats stats() {
        return activity.stats(caller);
    }
}
