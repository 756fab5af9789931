package com.fitnesscrm.billing.rest;

import com.fitnesscrm.billing.service.RevenueService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The SPA's analytics page calls the revenue routes at the base URL, without {@code /api} (contract 4.1): the
 * same operations as {@link RevenueResource}. Class annotations are not inherited, so they are repeated here.
 */
@Path("/payments/revenue")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Revenue")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A client", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class UnprefixedRevenueResource extends RevenueResource {

    public UnprefixedRevenueResource(RevenueService revenue, CurrentUser caller) {
        super(revenue, caller);
    }
}
