package com.fitnesscrm.billing.rest;

import com.fitnesscrm.billing.api.ProductRequests;
import com.fitnesscrm.billing.api.ProductView;
import com.fitnesscrm.billing.service.ProductService;
import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.QueryValues;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Products", description = "What the business sells: session packages, memberships, single sessions")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ProductResource {

    private final ProductService products;
    private final CurrentUser caller;

    public ProductResource(ProductService products, CurrentUser caller) {
        this.products = products;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List products", description = "By kind, then name. Clients see the active ones only.")
    @APIResponse(responseCode = "200", description = "The products", content = @Content(schema = @Schema(implementation = ProductRequests.ProductList.class)))
    public ProductRequests.ProductList list(
            @Parameter(description = "true: only those on sale") @QueryParam("active") String active) {
        return new ProductRequests.ProductList(products.list(caller, QueryValues.bool("active", active)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a product")
    @APIResponse(responseCode = "200", description = "The product", content = @Content(schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "404", description = "No such product", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ProductView get(@PathParam("id") long id) {
        return products.find(caller, id).orElseThrow(() -> ApiException.notFound("Product"));
    }

    @POST
    @Operation(summary = "Create a product", description = "Admins only. The price is in the organization's currency.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@Valid @NotNull ProductRequests.Save request) {
        return Response.status(201).entity(products.create(caller, request)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a product", description = "Admins only. Payments made keep their own amounts.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such product", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ProductView update(@PathParam("id") long id, @Valid @NotNull ProductRequests.Save request) {
        return products.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Product"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a product", description = "Admins only. It leaves the catalogue; payments and"
            + " packages that name it keep it.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such product", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("id") long id) {
        if (!products.delete(caller, id)) {
            throw ApiException.notFound("Product");
        }
        return new MessageResponse("Product deleted");
    }
}
