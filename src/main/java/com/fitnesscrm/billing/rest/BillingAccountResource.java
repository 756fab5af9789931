package com.fitnesscrm.billing.rest;

import com.fitnesscrm.billing.api.BillingAccountView;
import com.fitnesscrm.billing.service.BillingAccountService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/billing/account")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Billing", description = "The organization's currency and Stripe account")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class BillingAccountResource {

    private final BillingAccountService accounts;
    private final CurrentUser caller;

    public BillingAccountResource(BillingAccountService accounts, CurrentUser caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The organization's billing account")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(implementation = BillingAccountView.class)))
    public BillingAccountView get() {
        return accounts.view(caller);
    }

    @PUT
    @Operation(summary = "Set the organization's currency", description = "Admins only; refused (409) while any"
            + " payment or product is in another currency.")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(implementation = BillingAccountView.class)))
    @APIResponse(responseCode = "400", description = "Not an ISO 4217 code", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Amounts are recorded in another currency", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public BillingAccountView update(@Valid @NotNull BillingAccountView.Update request) {
        return accounts.setCurrency(caller, request);
    }
}
